package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.fixtures.Fixtures;
import io.emp.telemetry.schema.Attributes;
import io.emp.telemetry.schema.Limits;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** Parses rules using every feature of the format and runs them against real objects. */
class RuleFeaturesTest {
    private static final String F = "io.emp.telemetry.agent.rules.fixtures.Fixtures$";

    private static InstrumentationRule only(String yaml) {
        RuleSet set = RuleLoader.parse("test.yaml", yaml);
        assertEquals(Collections.emptyList(), set.problems());
        assertEquals(1, set.rules().size());
        return set.rules().get(0);
    }

    private static Fixtures.Job job() {
        Fixtures.Job job = new Fixtures.Job("job-7", "image", 2);
        job.getPayload().put("model", "sdxl");
        job.getPayload().put("apiKey", "sk-123");
        return job;
    }

    @Test
    void connectorRuleWithAllPhases() throws Exception {
        InstrumentationRule rule = only(String.join("\n",
                "version: 1",
                "rules:",
                "  - id: acme.connector",
                "    description: connectors",
                "    type:",
                "      implements: '*Connector'",
                "    method:",
                "      name: processJob",
                "      paramTypes: [Job, '*']",
                "    correlation:",
                "      jobId: [\"args[0].jobId\", \"args[0].id\"]",
                "    attributes:",
                "      jobType: args[0].type",
                "      model: args[0].payload['model']",
                "      connector: {value: image-gen}",
                "      retryable: true",
                "      steps: 30",
                "      source: \"'rules'\"",
                "    emit:",
                "      enter: connector.processing_started",
                "      return:",
                "        event: connector.processing_completed",
                "        attributes:",
                "          images: return.images",
                "      exception:",
                "        event: connector.processing_failed",
                "        attributes:",
                "          reason: exception.message",
                ""));
        assertEquals("acme.connector", rule.id());
        assertEquals("test.yaml:3", rule.source());
        assertEquals("connectors", rule.description());
        assertFalse(rule.namesJdkType());
        assertTrue(rule.typeMatcher().matches(TypeDescription.ForLoadedType.of(Fixtures.SimulatedImageConnector.class)));
        assertFalse(rule.typeMatcher().matches(TypeDescription.ForLoadedType.of(Fixtures.JobProcessor.class)));
        MethodDescription process = new MethodDescription.ForLoadedMethod(Fixtures.SimulatedImageConnector.class
                .getDeclaredMethod("processJob", Fixtures.Job.class, Fixtures.ProgressListener.class));
        assertTrue(rule.methodMatcher().matches(process));

        Invocation call = new Invocation(new Fixtures.SimulatedImageConnector(), new Object[] {job(), null});
        assertEquals("connector.processing_started", rule.event(Phase.ENTER).eventType());
        assertNull(rule.event(Phase.ENTER).channelTemplate());
        Map<String, Object> enter = rule.attributes(Phase.ENTER, call);
        assertEquals("image", enter.get("jobType"));
        assertEquals("sdxl", enter.get("model"));
        assertEquals("image-gen", enter.get("connector"));
        assertEquals(Boolean.TRUE, enter.get("retryable"));
        assertEquals(30L, enter.get("steps"));
        assertEquals("rules", enter.get("source"));
        assertFalse(enter.containsKey("images"));
        assertEquals("job-7", rule.correlation(call).jobId());

        call.complete(Collections.singletonMap("images", 4), null);
        Map<String, Object> ret = rule.attributes(Phase.RETURN, call);
        assertEquals(4, ret.get("images"));
        assertEquals("image", ret.get("jobType"), "rule-wide attributes are on every event");

        Invocation failed = new Invocation(null, new Object[] {job(), null});
        failed.complete(null, new IllegalStateException("GPU lost"));
        assertEquals("GPU lost", rule.attributes(Phase.EXCEPTION, failed).get("reason"));
        assertEquals("connector.processing_failed", rule.event(Phase.EXCEPTION).eventType());
    }

    @Test
    void pubSubChannelResolvesFromCorrelationAndAttributes() {
        InstrumentationRule rule = only(String.join("\n",
                "rules:",
                "  - id: progress",
                "    type: {glob: '*Queue'}",
                "    method: {name: reportProgress, paramTypes: [String, int, String]}",
                "    correlation:",
                "      jobId: args[0]",
                "    emit:",
                "      enter:",
                "        event: job.progress_updated",
                "        channel: 'job:{jobId}:status:{stage}'",
                "        attributes:",
                "          progress: args[1]",
                "          stage: args[2]",
                ""));
        EventSpec spec = rule.event(Phase.ENTER);
        assertEquals("job:{jobId}:status:{stage}", spec.channelTemplate());
        assertTrue(spec.isPubSub());
        Invocation call = new Invocation(null, new Object[] {"j-1", 40, "render"});
        Correlation correlation = rule.correlation(call);
        Map<String, Object> attributes = rule.attributes(Phase.ENTER, call);
        assertEquals(40, attributes.get("progress"));
        assertEquals("job:j-1:status:render", EventSpec.resolveChannel(spec, correlation, attributes));
        assertNull(spec.resolveChannel(Correlation.EMPTY, attributes), "no jobId: the channel cannot be formed");
        assertEquals("job:j-9:status:render",
                spec.resolveChannel(Correlation.EMPTY.orElse(new Correlation("j-9", null, null, null)), attributes));
    }

    @Test
    void workerRuleWithConditionAndOptionalReturn() {
        InstrumentationRule rule = only(String.join("\n",
                "rules:",
                "  - id: claim",
                "    type: {glob: '*Worker'}",
                "    method: {glob: 'claim*'}",
                "    correlation:",
                "      jobId: return.id",
                "      workerId: this.workerId",
                "      machineId: this.machineId",
                "      userId: \"'system'\"",
                "    emit:",
                "      return:",
                "        event: job.claimed",
                "        when: return",
                ""));
        Fixtures.SampleWorker worker = new Fixtures.SampleWorker();
        Invocation empty = new Invocation(worker, new Object[] {null});
        empty.complete(Optional.empty(), null);
        assertFalse(rule.emits(Phase.RETURN, empty));
        assertFalse(rule.emits(Phase.ENTER, empty), "no event declared for enter");

        Invocation claimed = new Invocation(worker, new Object[] {null});
        claimed.complete(Optional.of(job()), null);
        assertTrue(rule.emits(Phase.RETURN, claimed));
        Correlation c = rule.correlation(claimed);
        assertEquals("job-7", c.jobId());
        assertEquals("worker-1", c.workerId());
        assertEquals("machine-a", c.machineId());
        assertEquals("system", c.userId());
        assertNull(rule.correlation(new Invocation(worker, null)).jobId(), "return is null before completion");
    }

    @Test
    void annotatedTypeAndMethod() throws Exception {
        InstrumentationRule rule = only(String.join("\n",
                "rules:",
                "  - id: traced",
                "    type:",
                "      annotatedWith: " + F + "Traced",
                "    method:",
                "      annotatedWith: " + F + "Step",
                "      params: 2",
                "    attributes:",
                "      orderId: args[0]",
                "      quantity: args[1]",
                "    emit: {return: order.step_completed}",
                ""));
        assertTrue(rule.typeMatcher().matches(TypeDescription.ForLoadedType.of(Fixtures.AnnotatedChild.class)));
        assertTrue(rule.methodMatcher().matches(new MethodDescription.ForLoadedMethod(
                Fixtures.AnnotatedService.class.getDeclaredMethod("handle", String.class, int.class))));
        Map<String, Object> a = rule.attributes(Phase.RETURN, new Invocation(null, new Object[] {"o-1", 3}));
        assertEquals("o-1", a.get("orderId"));
        assertEquals(3, a.get("quantity"));
    }

    @Test
    void redactsDefaultAndRuleSpecificNamesAndSecretMapKeys() {
        InstrumentationRule rule = only(String.join("\n",
                "rules:",
                "  - id: r",
                "    type: {name: com.acme.Api}",
                "    method: {name: call}",
                "    redact: [ssn]",
                "    attributes:",
                "      apiKey: args[0].payload.apiKey",
                "      user_password: \"'hunter2'\"",
                "      customerSsn: \"'123-45-6789'\"",
                "      payload: args[0].payload",
                "      model: args[0].payload.model",
                "    emit: {enter: api.called}",
                ""));
        Map<String, Object> a = rule.attributes(Phase.ENTER, new Invocation(null, new Object[] {job()}));
        assertEquals(Redactor.MASK, a.get("apiKey"));
        assertEquals(Redactor.MASK, a.get("user_password"));
        assertEquals(Redactor.MASK, a.get("customerSsn"));
        assertEquals("{model=sdxl, apiKey=[REDACTED]}", a.get("payload"));
        assertEquals("sdxl", a.get("model"));
    }

    @Test
    void capsValuesAndMarksTruncation() {
        InstrumentationRule rule = only(String.join("\n",
                "rules:",
                "  - id: big",
                "    type: {name: com.acme.Api}",
                "    method: {name: call}",
                "    attributes:",
                "      body: args[0]",
                "    emit: {enter: api.called}",
                ""));
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < Limits.MAX_VALUE_CHARS * 2; i++) {
            huge.append('x');
        }
        Map<String, Object> a = rule.attributes(Phase.ENTER, new Invocation(null, new Object[] {huge.toString()}));
        String body = (String) a.get("body");
        assertEquals(Limits.MAX_VALUE_CHARS, body.length());
        assertTrue(body.endsWith(Limits.TRUNCATION_MARK));
        assertEquals(Boolean.TRUE, a.get(Attributes.TRUNCATED));
    }

    @Test
    void namesJdkTypeIsReportedOnlyWhenAllowed() {
        assertTrue(only("rules:\n  - id: h\n    type: {subtypeOf: java.net.http.HttpClient, allowJdkTypes: true}\n"
                + "    method: {name: send}\n    emit: {enter: http.client_sending}\n").namesJdkType());
        // without the opt-in a JDK supertype only selects the application's own subtypes
        assertFalse(only("rules:\n  - id: h\n    type: {subtypeOf: java.net.http.HttpClient}\n"
                + "    method: {name: send}\n    emit: {enter: http.client_sending}\n").namesJdkType());
    }

    @Test
    void samplingSectionBuildsTheSampler() {
        InstrumentationRule none = only("rules:\n  - id: s\n    type: {name: a.B}\n    method: {name: m}\n"
                + "    sampling: {probability: 0}\n    emit: {enter: a.b}\n");
        InstrumentationRule all = only("rules:\n  - id: s\n    type: {name: a.B}\n    method: {name: m}\n"
                + "    sampling: {probability: 1, maxPerSecond: 1000000}\n    emit: {enter: a.b}\n");
        for (int i = 0; i < 1000; i++) {
            assertFalse(none.sample());
            assertTrue(all.sample());
        }
        assertEquals(1000000.0, all.sampler().maxPerSecond());
    }

    @Test
    void attributesOfAPhaseWithoutEventAreEmptyAndNothingThrows() {
        InstrumentationRule rule = only("rules:\n  - id: s\n    type: {name: a.B}\n    method: {name: m}\n"
                + "    attributes: {x: this.boom}\n    emit: {enter: a.b}\n");
        assertTrue(rule.attributes(Phase.RETURN, new Invocation(null, null)).isEmpty());
        assertTrue(rule.attributes(Phase.ENTER, null).isEmpty());
        assertEquals(Correlation.EMPTY, rule.correlation(null));
        assertNull(rule.event(Phase.EXCEPTION));
    }

    @Test
    void anchorsAliasesAndSeveralDocuments() {
        RuleSet set = RuleLoader.parse("multi.yaml", String.join("\n",
                "rules:",
                "  - id: start",
                "    type: &workers {glob: '*Worker'}",
                "    method: {name: start}",
                "    emit: {enter: worker.starting}",
                "---",
                "rules:",
                "  - id: stop",
                "    type: *workers",
                "    method: {name: stop}",
                "    emit: {enter: worker.stopping}",
                ""));
        assertEquals(Collections.emptyList(), set.problems());
        assertEquals(2, set.rules().size());
        assertTrue(set.rule("stop").typeMatcher().matches(
                TypeDescription.ForLoadedType.of(Fixtures.SampleWorker.class)));
        assertEquals("multi.yaml:8", set.rule("stop").source());
    }

    @Test
    void conditionsCompareValuesAsText() {
        InstrumentationRule rule = only(String.join("\n",
                "rules:",
                "  - id: terminal",
                "    type: {glob: '*Worker'}",
                "    method: {name: failJob}",
                "    emit:",
                "      return:",
                "        event: job.failed",
                "        when: {path: return.status, equals: [FAILED, DEAD]}",
                "      exception:",
                "        event: job.fail_failed",
                "        when: {path: exception.message, notEquals: ignored}",
                ""));
        Fixtures.Job job = job();
        Invocation failed = new Invocation(null, new Object[] {job});
        failed.complete(job.withStatus(Fixtures.Status.FAILED), null);
        assertTrue(rule.emits(Phase.RETURN, failed));
        Invocation pending = new Invocation(null, new Object[] {job});
        pending.complete(job.withStatus(Fixtures.Status.PENDING), null);
        assertFalse(rule.emits(Phase.RETURN, pending));
        Invocation unknown = new Invocation(null, new Object[] {job});
        assertFalse(rule.emits(Phase.RETURN, unknown), "a missing value equals nothing");
        Invocation ignored = new Invocation(null, new Object[] {job});
        ignored.complete(null, new RuntimeException("ignored"));
        assertFalse(rule.emits(Phase.EXCEPTION, ignored));
        Invocation real = new Invocation(null, new Object[] {job});
        real.complete(null, new RuntimeException("disk full"));
        assertTrue(rule.emits(Phase.EXCEPTION, real));
    }
}
