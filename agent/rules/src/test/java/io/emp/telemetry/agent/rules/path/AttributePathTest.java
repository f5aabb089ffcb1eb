package io.emp.telemetry.agent.rules.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.emp.telemetry.agent.rules.Invocation;
import io.emp.telemetry.agent.rules.fixtures.Shapes;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributePathTest {
    private final Map<String, Object> payload = new LinkedHashMap<>();
    private final Shapes.Order order;

    AttributePathTest() {
        payload.put("model", "sdxl");
        payload.put("steps", 30);
        payload.put("nested", Collections.singletonMap("deep", "yes"));
        order = new Shapes.Order(new Shapes.Customer("c-1", "Smith"), payload, Arrays.asList("a", "b"));
    }

    private static Object eval(String path, Invocation invocation) throws Exception {
        return PathParser.parse(path).value(invocation);
    }

    private Object onArg(String path) throws Exception {
        return eval(path, new Invocation(null, new Object[] {order}));
    }

    @Test
    void followsGettersMapsListsAndArrays() throws Exception {
        assertEquals("sdxl", onArg("args[0].payload['model']"));
        assertEquals("sdxl", onArg("args[0].payload.model"));
        assertEquals(30, onArg("args[0].payload['steps']"));
        assertEquals("yes", onArg("args[0].payload.nested.deep"));
        assertEquals("b", onArg("args[0].tags[1]"));
        assertEquals(2, onArg("args[0].tags.size"));
        assertEquals(3, onArg("args[0].payload.size"));
        assertEquals(2, onArg("args[0].numbers[1]"));
        assertEquals(3, onArg("args[0].numbers.length"));
        assertEquals(Boolean.TRUE, onArg("args[0].paid"));
    }

    @Test
    void readsAccessorsBackedByFieldsPrivateFieldsAndPublicFields() throws Exception {
        assertEquals("c-1", onArg("args[0].customer.id"));
        // name() computes ("Mr " + name): not a plain field read, so the field itself is read instead.
        assertEquals("Smith", onArg("args[0].customer.name"));
        assertEquals("hidden", onArg("args[0].secretField"));
        assertEquals("pf", onArg("args[0].publicField"));
    }

    @Test
    void publicGetterOfAPrivateClassIsReachable() throws Exception {
        assertEquals("c-42", eval("this.code", new Invocation(Shapes.hidden(), new Object[0])));
    }

    @Test
    void jdkInternalsAreReadThroughPublicTypes() throws Exception {
        List<String> unmodifiable = Collections.unmodifiableList(Arrays.asList("x", "y"));
        assertEquals(2, eval("return.size", returning(unmodifiable)));
        assertEquals("y", eval("return[1]", returning(unmodifiable)));
        assertEquals("java.lang.String", eval("return.class.name", returning("s")));
        assertEquals(5, eval("return.length", returning("hello")));
    }

    @Test
    void missingMembersNullsAndOutOfRangeYieldNothing() throws Exception {
        assertNull(onArg("args[0].nope"));
        assertNull(onArg("args[0].customer.nope.deeper"));
        assertNull(onArg("args[1]"));
        assertNull(onArg("args[0].tags[7]"));
        assertNull(onArg("args[0].payload['absent']"));
        assertNull(eval("this.anything", new Invocation(null, null)));
        assertNull(eval("return.id", new Invocation(order, new Object[0])));
        assertNull(eval("exception.message", new Invocation(order, new Object[0])));
        assertNull(PathParser.parse("this").value(null));
    }

    @Test
    void aFailingGetterYieldsNothingAndDoesNotThrow() throws Exception {
        assertNull(onArg("args[0].broken"));
        assertNull(onArg("args[0].broken.length"));
    }

    @Test
    void neverCallsMethodsThatAreNotGettersOrFieldAccessors() throws Exception {
        Shapes.Dangerous dangerous = new Shapes.Dangerous();
        Invocation invocation = new Invocation(dangerous, new Object[0]);
        assertNull(eval("this.launch", invocation));
        assertEquals(0, dangerous.calls);
        assertEquals("v", eval("this.value", invocation));
        Map<String, Object> map = new HashMap<>();
        map.put("k", "v");
        assertNull(eval("return.clear", returning(map)));
        assertEquals(1, map.size());
    }

    @Test
    void unwrapsOptionals() throws Exception {
        assertEquals("c-1", eval("return.id", returning(Optional.of(new Shapes.Customer("c-1", "x")))));
        assertNull(eval("return", returning(Optional.empty())));
        assertNull(eval("return.id", returning(Optional.empty())));
    }

    @Test
    void exceptionRootReadsTheThrowable() throws Exception {
        Invocation invocation = new Invocation(null, new Object[0]);
        invocation.complete(null, new IllegalArgumentException("bad input"));
        assertEquals("bad input", eval("exception.message", invocation));
        assertEquals("IllegalArgumentException", eval("exception.class.simpleName", invocation));
    }

    @Test
    void theSameStepWorksOnDifferentClasses() throws Exception {
        ValueSource path = PathParser.parse("this.id");
        assertEquals("c-1", path.value(new Invocation(new Shapes.Customer("c-1", "x"), null)));
        Map<String, Object> asMap = Collections.singletonMap("id", (Object) "m-1");
        assertEquals("m-1", path.value(new Invocation(asMap, null)));
        assertEquals("c-2", path.value(new Invocation(new Shapes.Customer("c-2", "y"), null)));
        assertNull(path.value(new Invocation("a string", null)));
    }

    @Test
    void alternativesTakeTheFirstValue() throws Exception {
        ValueSource first = Alternatives.of(Arrays.asList(PathParser.parse("args[0].jobId"),
                PathParser.parse("args[0].customer.id"), PathParser.parse("'fallback'")));
        assertEquals("c-1", first.value(new Invocation(null, new Object[] {order})));
        assertEquals("fallback", first.value(new Invocation(null, new Object[] {"str"})));
    }

    private static Invocation returning(Object value) {
        Invocation invocation = new Invocation(null, new Object[0]);
        invocation.complete(value, null);
        return invocation;
    }
}
