package io.emp.telemetry.agent.rules.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads one YAML document with Jackson's streaming YAML parser into a {@link YamlNode} tree with locations. */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;
    private final JsonParser parser;
    /** Anchored nodes ({@code &name}), so that aliases ({@code *name}) can reuse them. */
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlReader(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /**
     * @return the root node of every document in the stream ({@code ---} separates them); empty documents are left
     *         out
     * @throws YamlSyntaxError with the location Jackson reports for malformed YAML or duplicate keys
     */
    public static List<YamlNode> read(String yaml) throws YamlSyntaxError {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            YamlReader reader = new YamlReader(yaml, parser);
            List<YamlNode> documents = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                YamlNode root = reader.value(t);
                if (root.kind() != YamlNode.Kind.NULL) {
                    documents.add(root);
                }
            }
            return documents;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = oneLine(String.valueOf(e.getOriginalMessage()));
            if (message.contains("flow") && (message.contains("got [") || message.contains("got ]"))) {
                message += " (hint: inside [ ] or { } quote paths that contain brackets, e.g. [\"args[0].id\"])";
            }
            throw new YamlSyntaxError(at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()), "YAML syntax error: " + message);
        } catch (IOException | RuntimeException e) {
            throw new YamlSyntaxError(1, 1, "YAML could not be read: " + e);
        }
    }

    /** SnakeYAML's messages echo the source with a caret over several lines; keep only the sentences. */
    private static String oneLine(String message) {
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                sb.append(sb.length() == 0 ? "" : "; ").append(line.trim());
            }
        }
        return sb.length() == 0 ? message.trim() : sb.toString();
    }

    private YamlNode value(JsonToken token) throws IOException, YamlSyntaxError {
        JsonLocation at = parser.currentTokenLocation();
        if (parser instanceof YAMLParser && ((YAMLParser) parser).isCurrentAlias()) {
            YamlNode anchored = anchors.get(parser.getText());
            if (anchored == null) {
                throw new YamlSyntaxError(at.getLineNr(), at.getColumnNr(), "unknown alias *" + parser.getText());
            }
            return anchored;
        }
        String anchor = parser.getObjectId() instanceof String ? (String) parser.getObjectId() : null;
        YamlNode node = node(token, at);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode node(JsonToken token, JsonLocation at) throws IOException, YamlSyntaxError {
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT:
                return map(line, column);
            case START_ARRAY:
                YamlNode list = new YamlNode(YamlNode.Kind.LIST, line, column, null, 0);
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.items().add(value(t));
                }
                return list;
            case VALUE_STRING:
                return new YamlNode(YamlNode.Kind.STRING, line, column, parser.getText(), quoteShift(at));
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode(YamlNode.Kind.NUMBER, line, column, parser.getText(), 0);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode(YamlNode.Kind.BOOLEAN, line, column, parser.getText(), 0);
            case VALUE_NULL:
                return new YamlNode(YamlNode.Kind.NULL, line, column, null, 0);
            default:
                throw new YamlSyntaxError(line, column, "unsupported YAML content (" + token + ")");
        }
    }

    private YamlNode map(int line, int column) throws IOException, YamlSyntaxError {
        YamlNode map = new YamlNode(YamlNode.Kind.MAP, line, column, null, 0);
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            JsonLocation keyAt = parser.currentTokenLocation();
            String key = parser.currentName();
            if (map.entry(key) != null) {
                throw new YamlSyntaxError(keyAt.getLineNr(), keyAt.getColumnNr(), "duplicate key '" + key + "'");
            }
            YamlNode value = value(parser.nextToken());
            map.entries().add(new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
        }
        return map;
    }

    /** Quoted scalars start with the quote; path and regex offsets are counted from the character after it. */
    private int quoteShift(JsonLocation at) {
        long offset = at.getCharOffset();
        if (offset >= 0 && offset < source.length()) {
            char c = source.charAt((int) offset);
            return c == '"' || c == '\'' ? 1 : 0;
        }
        return 0;
    }
}
