package io.emp.telemetry.agent.rules.match;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.fixtures.Fixtures;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class MatchersTest {
    private static final String F = Fixtures.class.getName() + "$";

    private static TypeDescription type(Class<?> c) {
        return TypeDescription.ForLoadedType.of(c);
    }

    private static MethodDescription method(Class<?> c, String name, Class<?>... params) throws Exception {
        return new MethodDescription.ForLoadedMethod(c.getDeclaredMethod(name, params));
    }

    private static List<String> list(String... s) {
        return Arrays.asList(s);
    }

    @Test
    void exactName() {
        ElementMatcher<TypeDescription> m = new TypeMatcherBuilder().names(list(F + "SampleWorker")).build();
        assertTrue(m.matches(type(Fixtures.SampleWorker.class)));
        assertFalse(m.matches(type(Fixtures.JobProcessor.class)));
    }

    @Test
    void globMatchesAcrossPackagesAndNestedNames() {
        ElementMatcher<TypeDescription> m = new TypeMatcherBuilder().globs(list("*Worker")).build();
        assertTrue(m.matches(type(Fixtures.SampleWorker.class)));
        assertFalse(m.matches(type(Fixtures.JobProcessor.class)));
        ElementMatcher<TypeDescription> pkg = new TypeMatcherBuilder()
                .globs(list("io.emp.telemetry.agent.rules.fixtures.*Connector")).build();
        assertTrue(pkg.matches(type(Fixtures.FailingConnector.class)));
        assertFalse(pkg.matches(type(String.class)));
    }

    @Test
    void regexIsAWholeNameMatch() {
        ElementMatcher<TypeDescription> m = new TypeMatcherBuilder()
                .regexes(Collections.singletonList(Pattern.compile(".*\\$(Simulated|Failing)\\w*Connector"))).build();
        assertTrue(m.matches(type(Fixtures.SimulatedImageConnector.class)));
        assertTrue(m.matches(type(Fixtures.FailingConnector.class)));
        assertFalse(m.matches(type(Fixtures.BaseConnector.class)));
        ElementMatcher<TypeDescription> partial = new TypeMatcherBuilder()
                .regexes(Collections.singletonList(Pattern.compile("Failing"))).build();
        assertFalse(partial.matches(type(Fixtures.FailingConnector.class)));
    }

    @Test
    void subtypeOfFollowsSuperclassesAndInterfacesIndirectly() {
        ElementMatcher<TypeDescription> m = new TypeMatcherBuilder().subtypesOf(list(F + "Connector")).build();
        // SimulatedImageConnector -> BaseConnector (abstract) -> ImageConnector -> Connector
        assertTrue(m.matches(type(Fixtures.SimulatedImageConnector.class)));
        assertTrue(m.matches(type(Fixtures.FailingConnector.class)));
        assertFalse(m.matches(type(Fixtures.JobProcessor.class)));
        ElementMatcher<TypeDescription> base = new TypeMatcherBuilder().subtypesOf(list(F + "BaseConnector")).build();
        assertTrue(base.matches(type(Fixtures.SimulatedImageConnector.class)));
        assertFalse(base.matches(type(Fixtures.FailingConnector.class)));
    }

    @Test
    void implementsMatchesInterfaceNamesAnywhereInTheHierarchy() {
        ElementMatcher<TypeDescription> bySuffix = new TypeMatcherBuilder().implementing(list("*Connector")).build();
        assertTrue(bySuffix.matches(type(Fixtures.SimulatedImageConnector.class)));
        assertTrue(bySuffix.matches(type(Fixtures.FailingConnector.class)));
        assertFalse(bySuffix.matches(type(Fixtures.JobProcessor.class)));
        // A class is not an interface: a class named *Connector alone is not enough.
        ElementMatcher<TypeDescription> simple = new TypeMatcherBuilder().implementing(list("ImageConnector")).build();
        assertTrue(simple.matches(type(Fixtures.SimulatedImageConnector.class)));
        assertFalse(simple.matches(type(Fixtures.FailingConnector.class)));
        ElementMatcher<TypeDescription> jdk = new TypeMatcherBuilder().implementing(list("java.util.List")).build();
        assertTrue(jdk.matches(type(java.util.ArrayList.class)));
    }

    @Test
    void annotatedWithIncludesInheritedAnnotations() {
        ElementMatcher<TypeDescription> m = new TypeMatcherBuilder().annotatedWith(list(F + "Traced")).build();
        assertTrue(m.matches(type(Fixtures.AnnotatedService.class)));
        assertTrue(m.matches(type(Fixtures.AnnotatedChild.class)));
        assertFalse(m.matches(type(Fixtures.SampleWorker.class)));
    }

    @Test
    void criteriaCombineWithAnd() {
        ElementMatcher<TypeDescription> m = new TypeMatcherBuilder().implementing(list("*Connector"))
                .globs(list("*Failing*")).build();
        assertTrue(m.matches(type(Fixtures.FailingConnector.class)));
        assertFalse(m.matches(type(Fixtures.SimulatedImageConnector.class)));
    }

    @Test
    void namesJdkTypeOnlyWhenAJdkPackageIsNamedAndAllowed() {
        assertTrue(new TypeMatcherBuilder().allowJdkTypes(true).names(list("java.net.http.HttpClient")).namesJdkType());
        assertTrue(new TypeMatcherBuilder().allowJdkTypes(true).subtypesOf(list("javax.sql.DataSource")).namesJdkType());
        assertTrue(new TypeMatcherBuilder().allowJdkTypes(true).globs(list("com.sun.net.*")).namesJdkType());
        assertTrue(new TypeMatcherBuilder().allowJdkTypes(true).regexes(list1(Pattern.compile("^java\\.util\\..*")))
                .namesJdkType());
        assertFalse(new TypeMatcherBuilder().subtypesOf(list("javax.sql.DataSource")).namesJdkType());
        assertFalse(new TypeMatcherBuilder().globs(list("*Worker")).namesJdkType());
        assertFalse(new TypeMatcherBuilder().names(list("com.acme.Javax")).namesJdkType());
    }

    private static List<Pattern> list1(Pattern p) {
        return Collections.singletonList(p);
    }

    @Test
    void methodNameGlobRegexAndParameterCount() throws Exception {
        MethodDescription start = method(Fixtures.SampleWorker.class, "start");
        MethodDescription claimJob = method(Fixtures.SampleWorker.class, "claimJob", List.class);
        MethodDescription claimNext = method(Fixtures.SampleWorker.class, "claimNext");
        assertTrue(new MethodMatcherBuilder().names(list("start")).build().matches(start));
        assertFalse(new MethodMatcherBuilder().names(list("start")).build().matches(claimJob));
        ElementMatcher<MethodDescription> claims = new MethodMatcherBuilder().globs(list("claim*")).build();
        assertTrue(claims.matches(claimJob) && claims.matches(claimNext));
        assertFalse(claims.matches(start));
        ElementMatcher<MethodDescription> regex = new MethodMatcherBuilder()
                .regexes(list1(Pattern.compile("claim(Job|Next)"))).parameterCount(0).build();
        assertTrue(regex.matches(claimNext));
        assertFalse(regex.matches(claimJob));
    }

    @Test
    void parameterTypesByFullNameSimpleNameGlobAndOpenEnd() throws Exception {
        MethodDescription run = method(Fixtures.PlainImpl.class, "run", String.class, long.class);
        assertTrue(new MethodMatcherBuilder().parameterTypes(list("java.lang.String", "long")).build().matches(run));
        assertTrue(new MethodMatcherBuilder().parameterTypes(list("String", "*")).build().matches(run));
        assertTrue(new MethodMatcherBuilder().parameterTypes(list("*String", "...")).build().matches(run));
        assertTrue(new MethodMatcherBuilder().parameterTypes(list("...")).build().matches(run));
        assertFalse(new MethodMatcherBuilder().parameterTypes(list("String")).build().matches(run));
        assertFalse(new MethodMatcherBuilder().parameterTypes(list("int", "long")).build().matches(run));
        assertFalse(new MethodMatcherBuilder().parameterTypes(list("*", "*", "...")).build().matches(
                method(Fixtures.SampleWorker.class, "claimNext")));
        MethodDescription fail = method(Fixtures.SampleWorker.class, "failJob", Fixtures.Job.class, Throwable.class);
        assertTrue(new MethodMatcherBuilder().parameterTypes(list("Job", "java.lang.Throwable")).build()
                .matches(fail));
    }

    @Test
    void methodAnnotation() throws Exception {
        ElementMatcher<MethodDescription> m = new MethodMatcherBuilder().annotatedWith(list(F + "Step")).build();
        assertTrue(m.matches(method(Fixtures.AnnotatedService.class, "handle", String.class, int.class)));
        assertFalse(m.matches(method(Fixtures.AnnotatedService.class, "other")));
    }

    @Test
    void onlyMethodsWithBytecodeQualify() throws Exception {
        ElementMatcher<MethodDescription> any = new MethodMatcherBuilder().globs(list("*")).build();
        assertFalse(any.matches(new MethodDescription.ForLoadedMethod(
                Fixtures.Connector.class.getDeclaredMethod("processJob", Fixtures.Job.class,
                        Fixtures.ProgressListener.class))));
        assertFalse(any.matches(method(Fixtures.PlainImpl.class, "nativeCall")));
        assertFalse(any.matches(new MethodDescription.ForLoadedConstructor(
                Fixtures.Job.class.getConstructor(String.class, String.class, int.class))));
        assertTrue(any.matches(method(Fixtures.BaseConnector.class, "model")));
    }
}
