package io.emp.telemetry.agent.instrument.annotations;

import io.emp.telemetry.api.EventAttribute;
import io.emp.telemetry.api.JobId;
import io.emp.telemetry.api.TelemetryEvent;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotatedMethodsTest {
    interface Handler<T> {
        @TelemetryEvent("handler.handle")
        void handle(@JobId String jobId, @EventAttribute("item") T item);
    }

    interface SubHandler extends Handler<Integer> {
    }

    abstract static class Base implements SubHandler {
    }

    static class IntHandler extends Base {
        @Override
        public void handle(String jobId, @EventAttribute("number") Integer item) {
        }

        public void handle(String jobId, String other) {
        }
    }

    static class Direct {
        @TelemetryEvent("direct.call")
        void call() {
        }

        void plain() {
        }
    }

    @Test
    void findsTheDeclarationThroughSuperclassAndSubInterfaceOfAGenericInterface() {
        MethodDescription impl = method(IntHandler.class, "java.lang.Integer");
        MethodDescription declaration = AnnotatedMethods.annotatedDeclaration(impl);
        assertNotNull(declaration);
        assertEquals(TypeDescription.ForLoadedType.of(Handler.class), declaration.getDeclaringType().asErasure());
        assertTrue(AnnotatedMethods.annotatedOrOverridingAnnotated().matches(impl));
    }

    @Test
    void anOverloadWithOtherParametersIsNotAnnotated() {
        assertNull(AnnotatedMethods.annotatedDeclaration(method(IntHandler.class, "java.lang.String")));
    }

    @Test
    void theBridgeMethodIsNeverMatched() {
        MethodDescription bridge = TypeDescription.ForLoadedType.of(IntHandler.class).getDeclaredMethods()
                .filter(named("handle").and(isBridge())).getOnly();
        assertFalse(AnnotatedMethods.annotatedOrOverridingAnnotated().matches(bridge));
    }

    @Test
    void specTakesNamesFromDeclarationAndImplementation() {
        MethodDescription impl = method(IntHandler.class, "java.lang.Integer");
        AnnotatedSpec spec = AnnotatedSpec.of(impl, AnnotatedMethods.annotatedDeclaration(impl));
        assertEquals("handler.handle", spec.prefix);
        assertEquals(0, spec.jobIdIndex);
        assertArrayEquals(new String[]{null, "item"}, spec.attributeNames, "the declaration's name wins");
    }

    @Test
    void directlyAnnotatedClassMethod() {
        MethodDescription call = TypeDescription.ForLoadedType.of(Direct.class).getDeclaredMethods()
                .filter(named("call")).getOnly();
        assertEquals(call, AnnotatedMethods.annotatedDeclaration(call));
        MethodDescription plain = TypeDescription.ForLoadedType.of(Direct.class).getDeclaredMethods()
                .filter(named("plain")).getOnly();
        assertNull(AnnotatedMethods.annotatedDeclaration(plain));
    }

    private static MethodDescription method(Class<?> type, String secondParam) {
        return TypeDescription.ForLoadedType.of(type).getDeclaredMethods()
                .filter(named("handle").and(not(isBridge())))
                .filter(m -> m.getParameters().get(1).getType().asErasure().getName().equals(secondParam))
                .getOnly();
    }
}
