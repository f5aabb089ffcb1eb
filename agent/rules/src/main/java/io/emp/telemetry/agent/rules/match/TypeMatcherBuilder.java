package io.emp.telemetry.agent.rules.match;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Builds a rule's type matcher. Each criterion given narrows the match (AND); the values of one criterion are
 * alternatives (OR). Supertype criteria look through the whole hierarchy: superclasses, their interfaces and the
 * interfaces those extend.
 */
public final class TypeMatcherBuilder {
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private ElementMatcher.Junction<TypeDescription> matcher = any();
    private boolean namesJdkType;
    private boolean allowJdkTypes;

    /**
     * {@code allowJdkTypes: true}: JDK classes named by this rule are instrumented too. Without it a rule never
     * reaches a JDK class ({@code subtypeOf: java.lang.Runnable} then matches only the application's runnables).
     */
    public TypeMatcherBuilder allowJdkTypes(boolean allow) {
        this.allowJdkTypes = allow;
        return this;
    }

    /** Whether an exact name, a glob's literal prefix or a regex's literal start lies in a JDK package. */
    public static boolean isJdkName(String nameOrPrefix) {
        for (String prefix : JDK_PREFIXES) {
            if (nameOrPrefix.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The regex as literal text, for the JDK check: {@code ^java\.util\..*} reads as {@code java.util..*}. */
    public static String regexPrefix(String regex) {
        return regex.replace("^", "").replace("\\", "");
    }

    /** Exact binary names, e.g. {@code com.acme.Outer$Inner}. */
    public TypeMatcherBuilder names(List<String> names) {
        ElementMatcher.Junction<TypeDescription> anyOf = none();
        for (String name : names) {
            anyOf = anyOf.or(named(name));
            noteJdk(name);
        }
        return and(anyOf);
    }

    /** Globs over the full name. */
    public TypeMatcherBuilder globs(List<String> globs) {
        ElementMatcher.Junction<TypeDescription> anyOf = none();
        for (String glob : globs) {
            anyOf = anyOf.or(new NamePattern<TypeDescription>(Glob.of(glob), false));
            noteJdk(Glob.literalPrefix(glob));
        }
        return and(anyOf);
    }

    /** Regular expressions over the full name (whole-name match). */
    public TypeMatcherBuilder regexes(List<Pattern> patterns) {
        ElementMatcher.Junction<TypeDescription> anyOf = none();
        for (Pattern pattern : patterns) {
            anyOf = anyOf.or(new NamePattern<TypeDescription>(new BoundedRegex(pattern), false));
            noteJdk(regexPrefix(pattern.pattern()));
        }
        return and(anyOf);
    }

    /** The named class or interface itself or any type that extends or implements it, directly or indirectly. */
    public TypeMatcherBuilder subtypesOf(List<String> names) {
        for (String name : names) {
            noteJdk(name);
        }
        return and(new Safe<TypeDescription>(SuperTypes.named(names.toArray(new String[0])), "subtypeOf" + names));
    }

    /** Types with an interface anywhere in their hierarchy whose full or simple name matches one of the globs. */
    public TypeMatcherBuilder implementing(List<String> interfaceGlobs) {
        List<NameMatcher> globs = new ArrayList<>();
        for (String glob : interfaceGlobs) {
            globs.add(Glob.of(glob));
            noteJdk(Glob.literalPrefix(glob));
        }
        String description = "implements" + interfaceGlobs;
        return and(new Safe<TypeDescription>(SuperTypes.interfaceNamed(name -> {
            String simple = simpleName(name);
            for (NameMatcher glob : globs) {
                if (glob.matches(name) || glob.matches(simple)) return true;
            }
            return false;
        }, description), description));
    }

    /** Types carrying the annotation, declared on the type or inherited ({@code @Inherited}) from a superclass. */
    public TypeMatcherBuilder annotatedWith(List<String> annotationNames) {
        return and(new Safe<TypeDescription>(SuperTypes.annotatedWith(annotationNames.toArray(new String[0])),
                "annotatedWith" + annotationNames));
    }

    /**
     * The simple name from a binary name alone, without parsing the class: the part after the last
     * {@code $} (a nested interface) or else after the last {@code .}.
     */
    static String simpleName(String binaryName) {
        int cut = Math.max(binaryName.lastIndexOf('.'), binaryName.lastIndexOf('$'));
        return binaryName.substring(cut + 1);
    }

    public ElementMatcher<TypeDescription> build() {
        return matcher;
    }

    /**
     * True only when a criterion names a JDK package explicitly and the rule allows JDK types (the agent leaves JDK
     * classes alone otherwise).
     */
    public boolean namesJdkType() {
        return namesJdkType && allowJdkTypes;
    }

    private TypeMatcherBuilder and(ElementMatcher.Junction<TypeDescription> criterion) {
        matcher = matcher.and(criterion);
        return this;
    }

    private void noteJdk(String name) {
        namesJdkType |= isJdkName(name);
    }
}
