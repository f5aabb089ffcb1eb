package io.emp.telemetry.agent.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A Pub/Sub channel name with {@code {placeholder}} parts, parsed once at load time. */
public final class ChannelTemplate {
    private final String template;
    /** Alternating literal text (even indexes) and placeholder names (odd indexes). */
    private final String[] parts;

    private ChannelTemplate(String template, String[] parts) {
        this.template = template;
        this.parts = parts;
    }

    /**
     * @throws IllegalArgumentException with the 0-based offset of the problem in the message prefix
     *                                  {@code "offset N: "}
     */
    public static ChannelTemplate parse(String template) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("offset " + i + ": '}' without '{'");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i + 1);
            if (close < 0) {
                throw new IllegalArgumentException("offset " + i + ": '{' is never closed");
            }
            String name = template.substring(i + 1, close);
            if (!isIdentifier(name)) {
                throw new IllegalArgumentException("offset " + (i + 1) + ": placeholder '" + name
                        + "' must be a name such as jobId");
            }
            parts.add(literal.toString());
            literal.setLength(0);
            parts.add(name);
            i = close + 1;
        }
        parts.add(literal.toString());
        if (template.isEmpty()) {
            throw new IllegalArgumentException("offset 0: empty channel");
        }
        return new ChannelTemplate(template, parts.toArray(new String[0]));
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isJavaIdentifierPart(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    public String template() {
        return template;
    }

    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parts.length; i += 2) {
            names.add(parts[i]);
        }
        return Collections.unmodifiableList(names);
    }

    /** Null when a placeholder has no value. Never throws. */
    public String resolve(Correlation correlation, Map<String, Object> attributes) {
        try {
            StringBuilder sb = new StringBuilder(template.length() + 32);
            for (int i = 0; i < parts.length; i++) {
                if (i % 2 == 0) {
                    sb.append(parts[i]);
                    continue;
                }
                Object value = correlation == null ? null : correlation.byName(parts[i]);
                if (value == null && attributes != null) {
                    value = attributes.get(parts[i]);
                }
                if (value == null || String.valueOf(value).isEmpty()) {
                    return null;
                }
                sb.append(value);
            }
            return sb.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
