package io.emp.telemetry.agent.rules.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A YAML value that remembers where it was written, so every validation message can name line and column.
 * Jackson's tree model drops locations; this small tree keeps them.
 */
public final class YamlNode {
    public enum Kind {
        MAP, LIST, STRING, NUMBER, BOOLEAN, NULL
    }

    private final Kind kind;
    private final int line;
    private final int column;
    /** Scalars: the text; others: null. */
    private final String text;
    /** Column shift from the node's column to its first content character (1 for quoted scalars). */
    private final int contentShift;
    private final List<Entry> entries;
    private final List<YamlNode> items;

    YamlNode(Kind kind, int line, int column, String text, int contentShift) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.text = text;
        this.contentShift = contentShift;
        this.entries = kind == Kind.MAP ? new ArrayList<Entry>() : Collections.<Entry>emptyList();
        this.items = kind == Kind.LIST ? new ArrayList<YamlNode>() : Collections.<YamlNode>emptyList();
    }

    public Kind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Column of the character at {@code offset} inside a single-line scalar's content. */
    public int columnOf(int offset) {
        return column + contentShift + offset;
    }

    public String text() {
        return text;
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<YamlNode> items() {
        return items;
    }

    public boolean isScalar() {
        return kind != Kind.MAP && kind != Kind.LIST;
    }

    /** The value of {@code key} in a map, or null. */
    public YamlNode get(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return e.value();
            }
        }
        return null;
    }

    public Entry entry(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** Human description of the kind, for "expected X but found Y" messages. */
    public String describe() {
        switch (kind) {
            case MAP:
                return "a mapping";
            case LIST:
                return "a list";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "nothing (null)";
            default:
                return "a string";
        }
    }

    /** One {@code key: value} of a mapping, with the key's own location. */
    public static final class Entry {
        private final String key;
        private final int line;
        private final int column;
        private final YamlNode value;

        Entry(String key, int line, int column, YamlNode value) {
            this.key = key;
            this.line = line;
            this.column = column;
            this.value = value;
        }

        public String key() {
            return key;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public YamlNode value() {
            return value;
        }
    }
}
