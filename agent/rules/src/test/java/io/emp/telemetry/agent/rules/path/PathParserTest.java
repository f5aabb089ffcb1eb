package io.emp.telemetry.agent.rules.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class PathParserTest {

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"this", "return", "exception", "args[0]", "args[12]", "this.type", "args[0].id",
        "args[0].payload['model']", "args[0].payload[\"a b\"]", "return.items[3].name", "exception.message",
        "  this.type  ", "args[0]['k\\'ey']"})
    void acceptsTheGrammar(String text) throws Exception {
        assertInstanceOf(AttributePath.class, PathParser.parse(text));
    }

    @Test
    void readsRootsAndArgumentIndex() throws Exception {
        AttributePath p = (AttributePath) PathParser.parse("args[2].payload['model']");
        assertEquals(PathRoot.ARGS, p.root());
        assertEquals(2, p.argIndex());
        assertTrue(p.reads(PathRoot.ARGS));
        assertEquals(PathRoot.RETURN, ((AttributePath) PathParser.parse("return.size")).root());
    }

    @Test
    void quotedTextIsALiteral() throws Exception {
        ValueSource single = PathParser.parse("'sdxl'");
        assertInstanceOf(Literal.class, single);
        assertEquals("sdxl", single.value(null));
        assertEquals("it's", PathParser.parse("\"it's\"").value(null));
    }

    @ParameterizedTest(name = "{0} -> offset {1}")
    @CsvSource(delimiter = '|', value = {
        "self.type|0|unknown root 'self'",
        "args.id|4|expected '[' after args",
        "args[x]|5|expected an index",
        "args[0|6|expected ']'",
        "this..type|5|expected a name after '.'",
        "this.type(|9|method calls are not allowed",
        "this.getType()|12|method calls are not allowed",
        "this.payload['model'|20|expected ']'",
        "this.payload['model|13|unterminated quoted string",
        "this type|5|unexpected 't'",
        "this.a-b|6|unexpected '-'",
        "''x|2|unexpected 'x'",
        "this[1234567]|5|index too large",
    })
    void rejectsBadSyntaxWithTheOffset(String text, int offset, String message) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> PathParser.parse(text));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void rejectsEmpty() {
        assertThrows(PathSyntaxException.class, () -> PathParser.parse("   "));
    }
}
