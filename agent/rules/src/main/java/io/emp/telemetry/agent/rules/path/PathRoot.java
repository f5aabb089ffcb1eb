package io.emp.telemetry.agent.rules.path;

/** The first word of a path. */
public enum PathRoot {
    THIS("this"), ARGS("args"), RETURN("return"), EXCEPTION("exception");

    private final String keyword;

    PathRoot(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    static PathRoot of(String word) {
        for (PathRoot root : values()) {
            if (root.keyword.equals(word)) {
                return root;
            }
        }
        return null;
    }
}
