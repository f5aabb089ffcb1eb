package io.emp.telemetry.agent.rules.match;

import java.util.regex.Pattern;

/** Name globs: {@code *} is any run of characters (dots included), {@code ?} is one character. */
public final class Glob {
    private Glob() {
    }

    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 16);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    /** The literal text before the first wildcard, e.g. {@code com.acme.} for {@code com.acme.*Connector}. */
    public static String literalPrefix(String glob) {
        int i = 0;
        while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
            i++;
        }
        return glob.substring(0, i);
    }
}
