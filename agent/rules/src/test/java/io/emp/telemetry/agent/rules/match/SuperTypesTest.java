package io.emp.telemetry.agent.rules.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.fixtures.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SuperTypes} answers from class file outlines inside a scope (as the agent runs it) and from
 * ByteBuddy descriptions outside one: both must give the answers ByteBuddy's own matchers give.
 */
class SuperTypesTest {
    private static final String F = Fixtures.class.getName() + "$";
    private static final ClassLoader LOADER = SuperTypesTest.class.getClassLoader();

    /** Odd constant pools on purpose: long and double constants take two slots. */
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Tagged {
        String[] value() default {};
        RetentionPolicy policy() default RetentionPolicy.CLASS;
        Retention nested() default @Retention(RetentionPolicy.SOURCE);
        Class<?> type() default Object.class;
    }

    @Tagged(value = {"a", "b"}, policy = RetentionPolicy.RUNTIME, nested = @Retention(RetentionPolicy.CLASS), type = String.class)
    @Deprecated
    static final class Constants implements Serializable, Comparable<Constants> {
        static final long BIG = 1234567890123L;
        static final double PI = 3.14159;
        final long big = BIG * 2;
        final double half = PI / 2;

        @Override
        public int compareTo(Constants o) {
            return Long.compare(big, o.big);
        }
    }

    @AfterEach
    void forget() {
        SuperTypes.forgetAll();
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader() == null ? ClassLoader.getSystemResourceAsStream(resource)
                : c.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void outlineReadsWhatReflectionSees() throws Exception {
        for (Class<?> c : Arrays.asList(Constants.class, Tagged.class, Fixtures.AnnotatedService.class,
                Fixtures.AnnotatedChild.class, Fixtures.SimulatedImageConnector.class, Fixtures.ImageConnector.class,
                Fixtures.Status.class, ArrayList.class, String.class, Object.class, ConcurrentHashMap.class, Map.Entry.class)) {
            ClassOutline o = ClassOutline.read(bytes(c));
            assertEquals(c.getName(), o.name);
            assertEquals(c.isInterface(), o.isInterface, c.getName());
            // an interface's class file names java.lang.Object as its superclass; reflection says none
            String superName = c.isInterface() ? "java.lang.Object" : c.getSuperclass() == null ? null : c.getSuperclass().getName();
            assertEquals(superName, o.superName, c.getName());
            assertEquals(Arrays.stream(c.getInterfaces()).map(Class::getName).collect(Collectors.toList()),
                    Arrays.asList(o.interfaces), c.getName());
            assertEquals(Arrays.stream(c.getDeclaredAnnotations()).map(a -> a.annotationType().getName())
                    .collect(Collectors.toCollection(TreeSet::new)), new TreeSet<>(Arrays.asList(o.annotations)), c.getName());
        }
    }

    @Test
    void malformedClassFilesAreRejectedWithARuntimeException() throws Exception {
        byte[] good = bytes(Constants.class);
        for (int cut : new int[] {0, 3, 9, 40, good.length / 2, good.length - 1}) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(RuntimeException.class, () -> ClassOutline.read(truncated), "cut at " + cut);
        }
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 0;
        assertThrows(IllegalArgumentException.class, () -> ClassOutline.read(wrongMagic));
        byte[] badTag = good.clone();
        badTag[10] = (byte) 99; // the first constant pool entry's tag
        assertThrows(IllegalArgumentException.class, () -> ClassOutline.read(badTag));
    }

    /** Every matcher, outside a scope and inside one (outlines), against ByteBuddy's own answers. */
    @Test
    void scopedAndUnscopedAnswersAgree() {
        Map<String, ElementMatcher<TypeDescription>> matchers = new HashMap<>();
        matchers.put("named Connector", SuperTypes.named(F + "Connector"));
        matchers.put("named BaseConnector", SuperTypes.named(F + "BaseConnector"));
        matchers.put("classNamed Connector", SuperTypes.classNamed(F + "Connector"));
        matchers.put("isClass", SuperTypes.isClass());
        matchers.put("interface *Connector", SuperTypes.interfaceNamed(n -> n.endsWith("Connector"), "i"));
        matchers.put("annotatedWith Traced", SuperTypes.annotatedWith(F + "Traced"));
        matchers.put("declares Traced", SuperTypes.declaresAnnotation(F + "Traced"));
        matchers.put("annotatedWith Tagged", SuperTypes.annotatedWith(Tagged.class.getName()));
        matchers.put("named Comparable", SuperTypes.named("java.lang.Comparable"));
        matchers.put("named List", SuperTypes.named("java.util.List"));
        Map<String, ElementMatcher<TypeDescription>> byteBuddy = new HashMap<>();
        byteBuddy.put("named Connector", net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.named(F + "Connector")));
        byteBuddy.put("named BaseConnector", net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.named(F + "BaseConnector")));
        byteBuddy.put("classNamed Connector", net.bytebuddy.matcher.ElementMatchers.not(
                net.bytebuddy.matcher.ElementMatchers.isInterface()).and(net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.named(F + "Connector"))));
        byteBuddy.put("isClass", net.bytebuddy.matcher.ElementMatchers.not(net.bytebuddy.matcher.ElementMatchers.isInterface()));
        byteBuddy.put("interface *Connector", net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.isInterface().and(net.bytebuddy.matcher.ElementMatchers.nameEndsWith("Connector"))));
        byteBuddy.put("annotatedWith Traced", net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith(
                net.bytebuddy.matcher.ElementMatchers.named(F + "Traced")).or(net.bytebuddy.matcher.ElementMatchers.inheritsAnnotation(
                net.bytebuddy.matcher.ElementMatchers.named(F + "Traced"))));
        byteBuddy.put("declares Traced", net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith(
                net.bytebuddy.matcher.ElementMatchers.named(F + "Traced")));
        byteBuddy.put("annotatedWith Tagged", net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith(
                net.bytebuddy.matcher.ElementMatchers.named(Tagged.class.getName())).or(net.bytebuddy.matcher.ElementMatchers.inheritsAnnotation(
                net.bytebuddy.matcher.ElementMatchers.named(Tagged.class.getName()))));
        byteBuddy.put("named Comparable", net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.named("java.lang.Comparable")));
        byteBuddy.put("named List", net.bytebuddy.matcher.ElementMatchers.hasSuperType(
                net.bytebuddy.matcher.ElementMatchers.named("java.util.List")));
        List<Class<?>> types = Arrays.asList(Fixtures.SimulatedImageConnector.class, Fixtures.BaseConnector.class,
                Fixtures.FailingConnector.class, Fixtures.ImageConnector.class, Fixtures.Connector.class,
                Fixtures.AnnotatedService.class, Fixtures.AnnotatedChild.class, Fixtures.JobProcessor.class,
                Constants.class, Tagged.class, ArrayList.class, String.class);
        int matches = 0;
        for (Class<?> c : types) {
            TypeDescription type = TypeDescription.ForLoadedType.of(c);
            for (String name : matchers.keySet()) {
                boolean expected = byteBuddy.get(name).matches(type);
                matches += expected ? 1 : 0;
                assertEquals(expected, matchers.get(name).matches(type), name + " on " + c.getName() + " (no scope)");
                assertEquals(expected, scoped(c.getClassLoader(), () -> matchers.get(name).matches(type)),
                        name + " on " + c.getName() + " (outlines)");
                // and again from the remembered hierarchies
                assertEquals(expected, scoped(c.getClassLoader(), () -> matchers.get(name).matches(type)),
                        name + " on " + c.getName() + " (remembered)");
            }
        }
        assertTrue(matches > 20, "the cases must include matches: " + matches);
        assertTrue(SuperTypes.remembered() > 10);
    }

    @Test
    void theClassBeingLoadedIsReadFromTheBytesTheJvmGives() throws Exception {
        // A loader that serves no class files at all: only the class file in scope can be read.
        ClassLoader blind = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return null;
            }
        };
        byte[] child = bytes(Fixtures.AnnotatedChild.class);
        TypeDescription latent = new TypeDescription.Latent(Fixtures.AnnotatedChild.class.getName(), Opcodes.ACC_PUBLIC,
                TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class));
        Object previous = SuperTypes.classFile(Fixtures.AnnotatedChild.class.getName().replace('.', '/'), child);
        try {
            boolean[] answers = scoped(blind, () -> new boolean[] {
                    SuperTypes.named(F + "AnnotatedService").matches(latent), // the direct superclass, by name only
                    SuperTypes.isClass().matches(latent),
                    SuperTypes.annotatedWith(F + "Traced").matches(latent)}); // the superclass cannot be read
            assertTrue(answers[0]);
            assertTrue(answers[1]);
            assertFalse(answers[2]);
        } finally {
            SuperTypes.leaveClassFile(previous);
        }
        assertEquals(0, SuperTypes.remembered(), "an incomplete hierarchy is not remembered");
    }

    @Test
    void aCyclicHierarchyEndsTheWalkInsteadOfTheStack() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("cyc/A.class", classFile("cyc/A", "cyc/B"));
        files.put("cyc/B.class", classFile("cyc/B", "cyc/A"));
        ClassLoader cyclic = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] b = files.get(name);
                return b == null ? null : new ByteArrayInputStream(b);
            }
        };
        TypeDescription a = new TypeDescription.Latent("cyc.A", Opcodes.ACC_PUBLIC,
                TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class));
        assertTrue(scoped(cyclic, () -> SuperTypes.named("cyc.B").matches(a)));
        assertFalse(scoped(cyclic, () -> SuperTypes.named("java.lang.Object").matches(a)));
        assertEquals(0, SuperTypes.remembered());
    }

    @Test
    void rememberedHierarchiesAreBounded() throws Exception {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/")); // the JDK's; it cannot be closed
        List<String> names;
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base/java/util"))) {
            names = files.map(Path::toString).filter(p -> p.endsWith(".class"))
                    .map(p -> p.substring("/modules/java.base/".length(), p.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toList());
        }
        assertTrue(names.size() > 300, "java.util has hundreds of classes: " + names.size());
        ElementMatcher<TypeDescription> collection = SuperTypes.named("java.util.Collection");
        int collections = 0;
        int rounds = SuperTypes.MAX_ENTRIES / names.size() + 2; // more keys than the table holds
        for (int round = 0; round < rounds; round++) { // the same names again under new (empty) loaders: new keys
            ClassLoader loader = new ClassLoader(null) {
            };
            for (String n : names) {
                TypeDescription t = new TypeDescription.Latent(n, Opcodes.ACC_PUBLIC, null);
                if (scoped(loader, () -> collection.matches(t))) collections++;
            }
            assertTrue(SuperTypes.remembered() <= SuperTypes.MAX_ENTRIES, "remembered " + SuperTypes.remembered());
        }
        assertTrue(collections > rounds * 20, "java.util's collections were recognised: " + collections);
        assertTrue(rounds * names.size() > SuperTypes.MAX_ENTRIES, "the table was filled past its bound");
    }

    private static byte[] classFile(String name, String superName) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, name, null, superName, null);
        w.visitEnd();
        return w.toByteArray();
    }

    private static <T> T scoped(ClassLoader loader, Supplier<T> match) {
        Object previous = SuperTypes.matchingIn(loader);
        try {
            return match.get();
        } finally {
            SuperTypes.leave(previous);
        }
    }
}
