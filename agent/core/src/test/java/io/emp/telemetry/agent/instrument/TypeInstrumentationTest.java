package io.emp.telemetry.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class TypeInstrumentationTest {
    static class OrderQueue {
        public void createJob() {
        }
    }

    static class MessageQueue { // a library queue: the glob matches, no method does
        public void offer() {
        }
    }

    abstract static class AbstractQueue {
        public abstract void createJob();
    }

    static class InheritingQueue extends OrderQueue { // createJob is declared by the superclass
    }

    @Test
    void aTypeIsMatchedOnlyWhenItDeclaresAMethodTheAdviceCanGoOn() {
        ElementMatcher<TypeDescription> m = TypeInstrumentation.declaringAny(nameEndsWith("Queue"), named("createJob"));
        assertTrue(m.matches(TypeDescription.ForLoadedType.of(OrderQueue.class)));
        assertFalse(m.matches(TypeDescription.ForLoadedType.of(MessageQueue.class)), "nothing to advise: not rewritten");
        assertFalse(m.matches(TypeDescription.ForLoadedType.of(AbstractQueue.class)), "abstract methods have no code");
        assertFalse(m.matches(TypeDescription.ForLoadedType.of(InheritingQueue.class)),
                "advice goes on declared methods: the superclass is the one transformed");
    }
}
