package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.agent.rules.yaml.YamlNode;

/** The first thing wrong with one reaction, classify rule or section; it becomes a located problem. */
final class FileError extends Exception {
    final int line;
    final int column;

    FileError(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    static FileError at(YamlNode node, String message) {
        return new FileError(node.line(), node.column(), message);
    }

    static FileError at(YamlNode.Entry entry, String message) {
        return new FileError(entry.line(), entry.column(), message);
    }
}
