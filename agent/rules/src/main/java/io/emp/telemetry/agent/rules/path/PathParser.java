package io.emp.telemetry.agent.rules.path;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the attribute path language:
 *
 * <pre>
 * source := literal | path
 * literal:= '\'' chars '\'' | '"' chars '"'          (backslash escapes the quote and itself)
 * path   := root step*
 * root   := 'this' | 'return' | 'exception' | 'args' '[' digits ']'
 * step   := '.' identifier | '[' digits ']' | '[' literal ']'
 * </pre>
 *
 * Method calls are deliberately not part of the language.
 */
public final class PathParser {
    /** Longest path text; checked before parsing, so a hostile file cannot make start-up parse megabytes. */
    public static final int MAX_PATH_CHARS = 512;
    /** Most steps after the root: each is one member read per call on the application's thread. */
    public static final int MAX_STEPS = 32;

    private final String text;
    private int pos;

    private PathParser(String text) {
        this.text = text;
    }

    /** Parses a path or quoted literal; errors carry the 0-based offset into {@code text}. */
    public static ValueSource parse(String text) throws PathSyntaxException {
        return new PathParser(text).source();
    }

    private ValueSource source() throws PathSyntaxException {
        if (text.trim().isEmpty()) {
            throw new PathSyntaxException(0, "empty path");
        }
        if (text.length() > MAX_PATH_CHARS) {
            throw new PathSyntaxException(0, "path is " + text.length() + " characters long; at most " + MAX_PATH_CHARS
                    + " are allowed");
        }
        skipSpaces();
        ValueSource result;
        if (peek() == '\'' || peek() == '"') {
            result = new Literal(quoted());
        } else {
            result = path();
        }
        skipSpaces();
        if (pos < text.length()) {
            throw new PathSyntaxException(pos, "unexpected '" + text.charAt(pos) + "'");
        }
        return result;
    }

    private AttributePath path() throws PathSyntaxException {
        int start = pos;
        String word = identifier("a root (this, args[i], return, exception)");
        PathRoot root = PathRoot.of(word);
        if (root == null) {
            throw new PathSyntaxException(start, "unknown root '" + word
                    + "', expected this, args[i], return or exception");
        }
        int argIndex = -1;
        if (root == PathRoot.ARGS) {
            if (peek() != '[') {
                throw new PathSyntaxException(pos, "expected '[' after args (e.g. args[0])");
            }
            pos++;
            argIndex = digits();
            expect(']');
        }
        List<AttributePath.Step> steps = new ArrayList<>();
        while (pos < text.length() && peek() != ' ') {
            char c = peek();
            if (steps.size() == MAX_STEPS) {
                throw new PathSyntaxException(pos, "path has more than " + MAX_STEPS + " steps");
            }
            if (c == '.') {
                pos++;
                int nameAt = pos;
                String name = identifier("a name after '.'");
                if (peek() == '(') {
                    throw new PathSyntaxException(pos, "method calls are not allowed; write ." + name
                            + " (getters, accessors and fields are found by name)");
                }
                if (name.isEmpty()) {
                    throw new PathSyntaxException(nameAt, "expected a name after '.'");
                }
                steps.add(new PropertyStep(name));
            } else if (c == '[') {
                pos++;
                if (peek() == '\'' || peek() == '"') {
                    steps.add(new KeyStep(quoted()));
                } else {
                    steps.add(new IndexStep(digits()));
                }
                expect(']');
            } else {
                throw new PathSyntaxException(pos, "unexpected '" + c + "', expected '.' or '['");
            }
        }
        return new AttributePath(text.trim(), root, argIndex, steps);
    }

    private String identifier(String expected) throws PathSyntaxException {
        int start = pos;
        if (pos >= text.length() || !Character.isJavaIdentifierStart(text.charAt(pos))) {
            throw new PathSyntaxException(pos, "expected " + expected);
        }
        pos++;
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private int digits() throws PathSyntaxException {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new PathSyntaxException(pos, "expected an index (digits) or a quoted key");
        }
        if (pos - start > 6) {
            throw new PathSyntaxException(start, "index too large");
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private String quoted() throws PathSyntaxException {
        int start = pos;
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        throw new PathSyntaxException(start, "unterminated quoted string");
    }

    private void expect(char c) throws PathSyntaxException {
        if (peek() != c) {
            throw new PathSyntaxException(pos, pos < text.length()
                    ? "expected '" + c + "' but found '" + text.charAt(pos) + "'" : "expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }
}
