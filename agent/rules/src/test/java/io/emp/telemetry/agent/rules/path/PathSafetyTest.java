package io.emp.telemetry.agent.rules.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.Invocation;
import io.emp.telemetry.agent.rules.Redactor;
import io.emp.telemetry.agent.rules.fixtures.Hostile;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 13.4: a path only reads. Each case ran a state-changing method (or read what it must not) before. */
class PathSafetyTest {
    private final AtomicInteger connections = new AtomicInteger();
    private Hostile.Holder holder;

    @BeforeEach
    void setUp() throws Exception {
        Hostile.SIDE_EFFECTS.set(0);
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) throws IOException {
                connections.incrementAndGet();
                throw new IOException("no network in this test");
            }
        };
        holder = new Hostile.Holder(new URL(null, "emp-test://host/resource", handler));
    }

    private Object eval(String path) throws Exception {
        return PathParser.parse(path).value(new Invocation(holder, new Object[] {holder}));
    }

    @Test
    void atomicGetAndIncrementIsNeverCalled() throws Exception {
        assertNull(eval("args[0].counter.andIncrement"));
        assertNull(eval("args[0].counter.andDecrement"));
        assertNull(eval("args[0].counter.value"), "private JDK fields are not read");
        assertEquals(7, holder.counter.get());
    }

    @Test
    void byteBufferGetIntDoesNotMoveThePosition() throws Exception {
        assertNull(eval("args[0].buffer.int"));
        assertNull(eval("args[0].buffer.long"));
        assertNull(eval("args[0].buffer.char"));
        assertEquals(0, holder.buffer.position());
    }

    @Test
    void urlGetContentMakesNoConnection() throws Exception {
        assertNull(eval("args[0].url.content"));
        assertEquals(0, connections.get());
        assertEquals("host", eval("args[0].url.host"), "allow-listed JDK accessors still work");
    }

    @Test
    void aGetterWithSideEffectsIsNeverCalled() throws Exception {
        assertNull(eval("this.exit"));
        assertEquals("c-1", eval("this.code"), "the field behind a non-trivial getter is read instead");
        assertEquals(0, Hostile.SIDE_EFFECTS.get());
        assertEquals("plain-value", eval("this.plain"), "a getter that only returns a field is called");
        assertNull(eval("this.locked"), "a synchronized getter could block: not called, no field of that name");
    }

    @Test
    void staticFieldsAreNeverRead() throws Exception {
        assertNull(eval("this.shared"));
        assertNull(eval("this.SIDE_EFFECTS"));
    }

    @Test
    void aPathReadingASecretFieldIsMasked() throws Exception {
        io.emp.telemetry.agent.rules.RuleSet set = io.emp.telemetry.agent.rules.RuleLoader.parse("t.yaml", String.join(
                "\n", "rules:", "  - id: s", "    type: {name: a.B}", "    method: {name: m}",
                "    attributes: {x: this.password, y: this.plain}", "    emit: {enter: a.b}", ""));
        assertTrue(set.problems().isEmpty(), set.problems().toString());
        Map<String, Object> attributes = set.rules().get(0).attributes(io.emp.telemetry.agent.rules.Phase.ENTER,
                new Invocation(holder, new Object[0]));
        assertEquals(Redactor.MASK, attributes.get("x"));
        assertEquals("plain-value", attributes.get("y"));
    }

    @Test
    void aHugeToStringIsNeverCalled() {
        Object formatted = ValueFormatter.format(new Hostile.Huge(), Redactor.defaults());
        assertEquals("<" + Hostile.Huge.class.getName() + ">", formatted);
        assertEquals(0, Hostile.SIDE_EFFECTS.get());
    }

    @Test
    void anApplicationCollectionIsNeverIteratedNorSized() throws Exception {
        Hostile.LockingQueue queue = new Hostile.LockingQueue();
        Invocation invocation = new Invocation(queue, new Object[0]);
        assertEquals("<" + Hostile.LockingQueue.class.getName() + ">", ValueFormatter.format(queue, null));
        assertNull(PathParser.parse("this.size").value(invocation));
        assertNull(PathParser.parse("this[0]").value(invocation));
        assertEquals(0, Hostile.SIDE_EFFECTS.get());
    }

    @Test
    void anAccessOrderedLinkedHashMapIsNotReordered() throws Exception {
        Map<String, Object> lru = new LinkedHashMap<>(16, 0.75f, true);
        lru.put("a", 1);
        lru.put("b", 2);
        Invocation invocation = new Invocation(lru, new Object[0]);
        assertEquals(1, PathParser.parse("this.a").value(invocation));
        assertEquals(1, PathParser.parse("this['a']").value(invocation));
        assertEquals("a", lru.keySet().iterator().next(), "a get() would have moved 'a' to the end");
    }

    @Test
    void applicationObjectsNeverBecomeIdsOrComparisons() {
        assertNull(ValueFormatter.scalar(new Hostile.Huge()));
        assertEquals(0, Hostile.SIDE_EFFECTS.get());
        assertEquals("RED", ValueFormatter.scalar(Colour.RED));
    }

    @Test
    void pathLengthAndStepsAreBounded() {
        StringBuilder path = new StringBuilder("args[0]");
        for (int i = 0; i < 150_000; i++) {
            path.append(".a");
        }
        PathSyntaxException tooLong = org.junit.jupiter.api.Assertions.assertThrows(PathSyntaxException.class,
                () -> PathParser.parse(path.toString()));
        assertTrue(tooLong.getMessage().contains("at most " + PathParser.MAX_PATH_CHARS), tooLong.getMessage());
        StringBuilder steps = new StringBuilder("this");
        for (int i = 0; i <= PathParser.MAX_STEPS; i++) {
            steps.append(".b");
        }
        PathSyntaxException tooDeep = org.junit.jupiter.api.Assertions.assertThrows(PathSyntaxException.class,
                () -> PathParser.parse(steps.toString()));
        assertTrue(tooDeep.getMessage().contains("more than " + PathParser.MAX_STEPS), tooDeep.getMessage());
        assertFalse(tooDeep.offset() == 0);
    }

    enum Colour { RED }
}
