package io.emp.telemetry.agent.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code emp-rules/index.yaml}: a YAML list of file names ({@code - connectors.yaml}), one per line. Kept
 * deliberately trivial so a broken index can never hide the user's rules.
 */
final class BuiltInIndex {
    private BuiltInIndex() {
    }

    static List<String> files(String index) {
        List<String> files = new ArrayList<>();
        for (String raw : index.split("\n")) {
            String line = raw.trim();
            if (!line.startsWith("- ")) {
                continue;
            }
            String file = line.substring(2).trim();
            int comment = file.indexOf(" #");
            if (comment >= 0) {
                file = file.substring(0, comment).trim();
            }
            if (file.length() > 1 && (file.startsWith("\"") && file.endsWith("\"")
                    || file.startsWith("'") && file.endsWith("'"))) {
                file = file.substring(1, file.length() - 1);
            }
            if (!file.isEmpty() && !file.contains("..")) {
                files.add(file);
            }
        }
        return files;
    }
}
