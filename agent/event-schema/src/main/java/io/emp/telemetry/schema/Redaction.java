package io.emp.telemetry.schema;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction list and its implementation, shared by everything that puts values into events
 * (rules, the facade, annotations, built-in instrumentation, exception text) and by the collector.
 * <ul>
 *   <li>A <b>name</b> is sensitive when, lower-cased and with {@code _ - .} and spaces removed, it contains one of
 *       the {@link #keys() keys}: {@code apiKey}, {@code X-Api-Key}, {@code db.password}, {@code authToken} all are.</li>
 *   <li>{@link #nested}: maps (at any depth, also inside lists) get the values of sensitive keys masked.</li>
 *   <li>{@link #text}: free text (exception messages and stacks) gets URL credentials
 *       ({@code redis://:pw@host}, {@code https://user:pw@host}) and {@code key=value}, {@code key: value},
 *       {@code "key":"value"} secrets masked, where the key is sensitive.</li>
 * </ul>
 * Extra keys come from {@value #KEYS_ENV} / {@code -Demp.redact.keys} (comma-separated), read once.
 */
public final class Redaction {
    public static final String MASK = "[REDACTED]";
    /** The default list, as documented in docs/event-schema.md. */
    public static final List<String> DEFAULT_KEYS = Collections.unmodifiableList(Arrays.asList(
            "password", "passwd", "secret", "token", "authorization", "apikey", "api_key", "api-key", "cookie",
            "credential"));
    /** Comma-separated additional keys. */
    public static final String KEYS_ENV = "EMP_REDACT_KEYS";
    public static final String KEYS_PROPERTY = "emp.redact.keys";

    /** How the agent's log masks a URL password; already masked, left alone. */
    private static final String LOG_MASK = "****";
    private static final int MAX_DEPTH = 8;
    private static final int MAX_ELEMENTS = 1000;
    private static final String KEY_CHARS = "A-Za-z0-9_.\\-";
    /**
     * A key (not preceded by another key character, so each run is tried once: linear time), an optional closing
     * quote (JSON), then {@code =} or {@code :}.
     */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?<![" + KEY_CHARS + "])([" + KEY_CHARS + "]{1,128}+)(\"?)([ \\t]*+)([=:])([ \\t]*+)");
    private static final String[] AUTH_SCHEMES = {"bearer ", "basic ", "token ", "digest "};

    private static volatile Redaction shared = new Redaction(DEFAULT_KEYS).withKeys(
            split(firstNonEmpty(System.getenv(KEYS_ENV), System.getProperty(KEYS_PROPERTY))));
    private static final Redaction DEFAULTS = new Redaction(DEFAULT_KEYS);

    private static final int MAX_REMEMBERED = 4096;

    private final String[] normalized;
    private final List<String> keys;
    private final Map<String, Boolean> remembered = new ConcurrentHashMap<>();

    private Redaction(Collection<String> keys) {
        List<String> n = new ArrayList<>();
        List<String> k = new ArrayList<>();
        for (String key : keys) {
            String norm = key == null ? "" : normalize(key);
            if (!norm.isEmpty() && !n.contains(norm)) {
                n.add(norm);
                k.add(key.trim());
            }
        }
        this.normalized = n.toArray(new String[0]);
        this.keys = Collections.unmodifiableList(k);
    }

    /** The list in force for this process: the defaults plus {@value #KEYS_ENV} and later {@link #addSharedKeys}. */
    public static Redaction shared() {
        return shared;
    }

    /** The documented defaults only. */
    public static Redaction defaults() {
        return DEFAULTS;
    }

    /** Adds comma-separated keys to {@link #shared()} (the agent's {@code redact.keys} setting). */
    public static synchronized void addSharedKeys(String commaSeparated) {
        shared = shared.withKeys(split(commaSeparated));
    }

    /** This list plus {@code extra}. */
    public Redaction withKeys(Collection<String> extra) {
        if (extra == null || extra.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(keys);
        all.addAll(extra);
        return new Redaction(all);
    }

    /** The keys as configured (before normalization). */
    public List<String> keys() {
        return keys;
    }

    /**
     * Whether a name (attribute, map key, field, setting) holds a secret. Names are nearly always constants, so the
     * answer is remembered (for up to {@value #MAX_REMEMBERED} names of at most 128 characters): one map lookup on
     * the hot path.
     */
    public boolean isSensitive(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        Boolean known = remembered.get(name);
        if (known != null) {
            return known;
        }
        boolean sensitive = scan(name);
        if (name.length() <= 128 && remembered.size() < MAX_REMEMBERED) {
            remembered.put(name, sensitive);
        }
        return sensitive;
    }

    private boolean scan(String name) {
        for (String word : normalized) {
            if (containsNormalized(name, word)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #MASK} for a non-null value of a sensitive name, else the value unchanged. */
    public Object value(String name, Object value) {
        return value != null && isSensitive(name) ? MASK : value;
    }

    /**
     * A copy of maps, collections and arrays (to a depth of 8 and 1000 elements each) with the values of sensitive
     * keys masked; other values are returned as they are. Map keys become strings.
     */
    public Object nested(Object value) {
        return nested(value, 0);
    }

    private Object nested(Object value, int depth) {
        if (value instanceof Map) {
            if (depth >= MAX_DEPTH) {
                return "{… (" + ((Map<?, ?>) value).size() + " entries)}";
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (out.size() >= MAX_ELEMENTS) {
                    break;
                }
                String key = String.valueOf(e.getKey());
                out.put(key, isSensitive(key) && e.getValue() != null ? MASK : nested(e.getValue(), depth + 1));
            }
            return out;
        }
        if (value instanceof Collection || value != null && value.getClass().isArray()
                && !value.getClass().getComponentType().isPrimitive()) {
            if (depth >= MAX_DEPTH) {
                return "[…]";
            }
            List<Object> out = new ArrayList<>();
            if (value instanceof Collection) {
                for (Object element : (Collection<?>) value) {
                    if (out.size() >= MAX_ELEMENTS) {
                        break;
                    }
                    out.add(nested(element, depth + 1));
                }
            } else {
                for (int i = 0; i < Array.getLength(value) && i < MAX_ELEMENTS; i++) {
                    out.add(nested(Array.get(value, i), depth + 1));
                }
            }
            return out;
        }
        return value instanceof String ? urls((String) value) : value;
    }

    /**
     * Free text with secrets masked: credentials in URLs ({@code scheme://user:MASK@host}, {@code scheme://MASK@host}
     * — a user info without {@code :} is a password for Redis) and the values of {@code key=value},
     * {@code key: value}, {@code "key":"value"} (and {@code Authorization: Bearer …}) where the key is sensitive.
     * Linear in the length of the text; idempotent.
     */
    public String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return keyValues(urls(s));
    }

    /** Only the URL credentials of {@link #text}; cheap when the text holds no {@code ://}. */
    public static String urls(String s) {
        if (s == null) {
            return null;
        }
        int marker = s.indexOf("://");
        if (marker < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        while (marker >= 0) {
            int schemeStart = marker;
            while (schemeStart > 0 && isSchemeChar(s.charAt(schemeStart - 1))) {
                schemeStart--;
            }
            int infoStart = marker + 3;
            int i = -1;
            // the user info ends at the authority's last '@' (a password may itself hold '@')
            for (int j = infoStart; j < s.length() && (isUserInfoChar(s.charAt(j)) || s.charAt(j) == '@'); j++) {
                if (s.charAt(j) == '@') {
                    i = j;
                }
            }
            if (i < 0) {
                i = infoStart;
            } else if (schemeStart < marker && i > infoStart) {
                String info = s.substring(infoStart, i);
                int colon = info.indexOf(':');
                String masked = colon >= 0 ? info.substring(0, colon) + ":" + MASK : MASK;
                if (!info.equals(masked) && !info.endsWith(MASK) && !info.endsWith(LOG_MASK)) {
                    if (out == null) {
                        out = new StringBuilder(s.length() + 16);
                    }
                    out.append(s, copied, infoStart).append(masked);
                    copied = i;
                }
            }
            marker = s.indexOf("://", Math.max(i, marker + 3));
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, s.length()).toString();
    }

    private String keyValues(String s) {
        if (s.indexOf('=') < 0 && s.indexOf(':') < 0) {
            return s;
        }
        Matcher m = KEY_VALUE.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            from = m.end();
            if (!isSensitive(m.group(1))) {
                continue;
            }
            boolean quotedKey = !m.group(2).isEmpty();
            boolean spaced = !m.group(5).isEmpty();
            int start = m.end();
            int end;
            if (start < s.length() && (s.charAt(start) == '"' || s.charAt(start) == '\'')) {
                char quote = s.charAt(start);
                start++;
                end = start;
                while (end < s.length() && s.charAt(end) != quote) {
                    end += s.charAt(end) == '\\' && end + 1 < s.length() ? 2 : 1;
                }
                end = Math.min(end, s.length());
            } else {
                start = skipAuthScheme(s, start);
                end = start;
                while (end < s.length() && !isValueEnd(s.charAt(end))) {
                    end++;
                }
                if (":".equals(m.group(4)) && !quotedKey && !spaced && allDigits(s, start, end)) {
                    continue; // Foo.java:42 in a stack frame, host:port
                }
            }
            if (end <= start || s.startsWith(MASK, start)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16);
            }
            out.append(s, copied, start).append(MASK);
            copied = end;
            from = end;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static int skipAuthScheme(String s, int start) {
        for (String scheme : AUTH_SCHEMES) {
            if (s.regionMatches(true, start, scheme, 0, scheme.length())) {
                int i = start + scheme.length();
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                return i;
            }
        }
        return start;
    }

    private static boolean allDigits(String s, int start, int end) {
        if (end <= start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(s.charAt(i)) && s.charAt(i) != ')') {
                return false;
            }
        }
        return true;
    }

    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == '}'
                || c == ')' || c == '<' || c == '>';
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '.'
                || c == '-';
    }

    private static boolean isUserInfoChar(char c) {
        return c > ' ' && c != '/' && c != '?' && c != '#' && c != '@' && c != '"' && c != '\'' && c != '<'
                && c != '>' && c != '\\';
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '-' || c == '.' || c == ' ';
    }

    /** Whether {@code name}, lower-cased and without separators, contains {@code word} (already normalized). */
    private static boolean containsNormalized(String name, String word) {
        int n = name.length();
        for (int start = 0; start < n; start++) {
            if (isSeparator(name.charAt(start))) {
                continue;
            }
            int i = start;
            int j = 0;
            while (i < n && j < word.length()) {
                char c = name.charAt(i);
                if (isSeparator(c)) {
                    i++;
                    continue;
                }
                if (Character.toLowerCase(c) != word.charAt(j)) {
                    break;
                }
                i++;
                j++;
            }
            if (j == word.length()) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isSeparator(c)) {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static List<String> split(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String part : commaSeparated.split(",")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.trim().isEmpty() ? a : b;
    }
}
