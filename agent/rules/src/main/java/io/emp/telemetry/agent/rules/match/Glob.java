package io.emp.telemetry.agent.rules.match;

/**
 * Name globs: {@code *} is any run of characters (dots included), {@code ?} is one character. Matched without
 * regular expressions, in at most (name length × glob length) steps, so no glob can stall class loading.
 */
public final class Glob implements NameMatcher {
    private final String glob;

    private Glob(String glob) {
        this.glob = glob;
    }

    public static Glob of(String glob) {
        return new Glob(glob);
    }

    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** Whole-name match; the classic wildcard walk that only ever returns to the last {@code *}. */
    @Override
    public boolean matches(String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int starMatch = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                starMatch = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++starMatch;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** The literal text before the first wildcard, e.g. {@code com.acme.} for {@code com.acme.*Connector}. */
    public static String literalPrefix(String glob) {
        int i = 0;
        while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
            i++;
        }
        return glob.substring(0, i);
    }

    @Override
    public String toString() {
        return glob;
    }
}
