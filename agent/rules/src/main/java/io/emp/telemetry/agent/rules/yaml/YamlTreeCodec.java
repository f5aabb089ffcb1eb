package io.emp.telemetry.agent.rules.yaml;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of parsed YAML documents ({@link YamlNode} trees with every line, column and content
 * shift), so that rules parsed at build time can be loaded at start-up without a YAML parser. Aliases are written
 * as copies of their anchored node: the rule compiler only reads the tree.
 */
public final class YamlTreeCodec {
    private static final int MAX_DEPTH = 256;
    private static final YamlNode.Kind[] KINDS = YamlNode.Kind.values();

    private YamlTreeCodec() {
    }

    public static void write(List<YamlNode> documents, DataOutputStream out) throws IOException {
        out.writeInt(documents.size());
        for (YamlNode document : documents) {
            write(document, out);
        }
    }

    /** @throws IOException when the bytes are not what {@link #write(List, DataOutputStream)} wrote */
    public static List<YamlNode> read(DataInputStream in) throws IOException {
        int count = count(in);
        List<YamlNode> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(node(in, 0));
        }
        return documents;
    }

    private static void write(YamlNode node, DataOutputStream out) throws IOException {
        out.writeByte(node.kind().ordinal());
        out.writeInt(node.line());
        out.writeInt(node.column());
        out.writeInt(node.columnOf(0) - node.column());
        out.writeBoolean(node.text() != null);
        if (node.text() != null) out.writeUTF(node.text());
        if (node.kind() == YamlNode.Kind.MAP) {
            out.writeInt(node.entries().size());
            for (YamlNode.Entry entry : node.entries()) {
                out.writeUTF(entry.key());
                out.writeInt(entry.line());
                out.writeInt(entry.column());
                write(entry.value(), out);
            }
        } else if (node.kind() == YamlNode.Kind.LIST) {
            out.writeInt(node.items().size());
            for (YamlNode item : node.items()) {
                write(item, out);
            }
        }
    }

    private static YamlNode node(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IOException("nested deeper than " + MAX_DEPTH);
        int kind = in.readUnsignedByte();
        if (kind >= KINDS.length) throw new IOException("unknown node kind " + kind);
        int line = in.readInt();
        int column = in.readInt();
        int contentShift = in.readInt();
        String text = in.readBoolean() ? in.readUTF() : null;
        YamlNode node = new YamlNode(KINDS[kind], line, column, text, contentShift);
        if (node.kind() == YamlNode.Kind.MAP) {
            for (int i = count(in); i > 0; i--) {
                String key = in.readUTF();
                int keyLine = in.readInt();
                int keyColumn = in.readInt();
                node.entries().add(new YamlNode.Entry(key, keyLine, keyColumn, node(in, depth + 1)));
            }
        } else if (node.kind() == YamlNode.Kind.LIST) {
            for (int i = count(in); i > 0; i--) {
                node.items().add(node(in, depth + 1));
            }
        }
        return node;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) throw new IOException("implausible count " + n);
        return n;
    }
}
