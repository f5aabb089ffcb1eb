package io.emp.telemetry.agent.rules.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A rule's regular expression with a step bound. Java's engine backtracks: {@code ((.*)*)*!} takes exponential time
 * on a name without {@code !}. Every match reads the name through a counter that gives up after {@link #MAX_STEPS}
 * character reads (the name then does not match), and {@link #catastrophicOn} tries a pattern on adversarial names at
 * load time, so such a rule is refused with a message instead of stalling start-up.
 */
public final class BoundedRegex implements NameMatcher {
    /** Character reads one match may take; a sane pattern on a class name needs a few hundred. */
    public static final int MAX_STEPS = 200_000;
    private static final int PROBE_LENGTH = 32;
    private static final StepsExceeded EXCEEDED = new StepsExceeded();

    private final Pattern pattern;
    private final AtomicLong abandoned = new AtomicLong();

    public BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean matches(String name) {
        try {
            return pattern.matcher(new CountingChars(name, MAX_STEPS)).matches();
        } catch (StepsExceeded tooExpensive) {
            abandoned.incrementAndGet();
            return false;
        } catch (StackOverflowError tooDeep) {
            abandoned.incrementAndGet();
            return false;
        }
    }

    /** Matches given up because they exceeded the step bound. */
    public long abandoned() {
        return abandoned.get();
    }

    public Pattern pattern() {
        return pattern;
    }

    /**
     * A name on which the pattern exceeds the step bound, or null. Probes: each character the pattern mentions (and
     * {@code a}, {@code .}, {@code A}, {@code 1}), repeated, then followed by a character that breaks the match.
     */
    public static String catastrophicOn(Pattern pattern) {
        BoundedRegex bounded = new BoundedRegex(pattern);
        for (String probe : probes(pattern.pattern())) {
            if (!bounded.matches(probe) && bounded.abandoned() > 0) {
                return probe;
            }
        }
        return null;
    }

    private static List<String> probes(String regex) {
        Set<Character> chars = new LinkedHashSet<>();
        chars.add('a');
        chars.add('.');
        chars.add('A');
        chars.add('1');
        for (int i = 0; i < regex.length() && chars.size() < 24; i++) {
            char c = regex.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '$' || c == '_') {
                chars.add(c);
            }
        }
        List<String> out = new ArrayList<>();
        for (char c : chars) {
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < PROBE_LENGTH; i++) {
                run.append(c);
            }
            out.add(run.toString());
            out.add(run + "\u0000");
            out.add(run.toString().replace(c, 'x') + c + "\u0000");
        }
        out.add("com.acme.com.acme.com.acme.com.acme.Worker\u0000");
        return out;
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /** A name whose every character read is counted; past the budget the match is abandoned. */
    private static final class CountingChars implements CharSequence {
        private final String text;
        private final int[] budget;

        CountingChars(String text, int budget) {
            this(text, new int[] {budget});
        }

        private CountingChars(String text, int[] budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw EXCEEDED;
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingChars(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class StepsExceeded extends RuntimeException {
        StepsExceeded() {
            super("regular expression step bound exceeded", null, false, false);
        }
    }
}
