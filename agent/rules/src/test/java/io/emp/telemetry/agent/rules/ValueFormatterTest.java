package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.path.ValueFormatter;
import io.emp.telemetry.schema.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValueFormatterTest {
    private final Redactor redactor = Redactor.defaults();

    @Test
    void keepsStringsNumbersAndBooleans() {
        assertEquals("s", ValueFormatter.format("s", redactor));
        assertEquals(42, ValueFormatter.format(42, redactor));
        assertEquals(2.5d, ValueFormatter.format(2.5d, redactor));
        assertEquals(Boolean.FALSE, ValueFormatter.format(false, redactor));
        assertNull(ValueFormatter.format(null, redactor));
    }

    @Test
    void rendersOtherTypesAsBoundedStrings() {
        assertEquals("SECONDS", ValueFormatter.format(TimeUnit.SECONDS, redactor));
        assertEquals("java.lang.String", ValueFormatter.format(String.class, redactor));
        assertEquals("java.lang.IllegalStateException: no", ValueFormatter.format(new IllegalStateException("no"),
                redactor));
        assertEquals("x", ValueFormatter.format('x', redactor));
        assertEquals("[1, 2, 3]", ValueFormatter.format(new int[] {1, 2, 3}, redactor));
    }

    @Test
    void summarizesLargeCollectionsAndMaps() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            numbers.add(i);
        }
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … (1000 items)]", ValueFormatter.format(numbers, redactor));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", "sdxl");
        map.put("token", "abc");
        map.put("nested", Arrays.asList(1, 2));
        assertEquals("{model=sdxl, token=[REDACTED], nested=[… (2 items)]}", ValueFormatter.format(map, redactor));
    }

    @Test
    void capsLongValues() {
        char[] chars = new char[Limits.MAX_VALUE_CHARS + 10];
        Arrays.fill(chars, 'a');
        Object formatted = ValueFormatter.format(new String(chars), redactor);
        assertEquals(Limits.MAX_VALUE_CHARS, ((String) formatted).length());
        assertTrue(ValueFormatter.isTruncated(formatted));
    }

    @Test
    void aThrowingToStringIsNeverCalled() {
        Object evil = new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("no");
            }
        };
        assertEquals("<" + evil.getClass().getName() + ">", ValueFormatter.format(evil, redactor));
    }
}
