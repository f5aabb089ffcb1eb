package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** The rules that ship in the agent (test resources hold them under emp-rules/, exactly as the agent jar). */
class BuiltInRulesTest {
    private static final RuleSet BUILT_IN = RuleLoader.load(BuiltInRulesTest.class.getClassLoader(),
            Collections.emptyList());

    private static List<InstrumentationRule> matching(Class<?> type, String method, Class<?>... params)
            throws Exception {
        TypeDescription t = TypeDescription.ForLoadedType.of(type);
        MethodDescription m = new MethodDescription.ForLoadedMethod(type.getDeclaredMethod(method, params));
        List<InstrumentationRule> out = new ArrayList<>();
        for (InstrumentationRule rule : BUILT_IN.rules()) {
            if (rule.typeMatcher().matches(t) && rule.methodMatcher().matches(m)) {
                out.add(rule);
            }
        }
        return out;
    }

    private static InstrumentationRule single(Class<?> type, String method, Class<?>... params) throws Exception {
        List<InstrumentationRule> rules = matching(type, method, params);
        assertEquals(1, rules.size(), type.getSimpleName() + "." + method + " -> " + rules);
        return rules.get(0);
    }

    @Test
    void loadWithoutProblems() {
        assertEquals(Collections.emptyList(), BUILT_IN.problems());
        assertTrue(BUILT_IN.rules().size() >= 6, BUILT_IN.rules().toString());
        for (InstrumentationRule rule : BUILT_IN.rules()) {
            assertTrue(rule.source().startsWith("builtin:"), rule.source());
            assertFalse(rule.namesJdkType(), rule.id());
        }
    }

    @Test
    void connectorConventionEmitsTheProcessingEvents() throws Exception {
        InstrumentationRule rule = single(Fixtures.SimulatedImageConnector.class, "processJob", Fixtures.Job.class,
                Fixtures.ProgressListener.class);
        assertEquals(rule, single(Fixtures.FailingConnector.class, "processJob", Fixtures.Job.class,
                Fixtures.ProgressListener.class));
        assertTrue(matching(Fixtures.JobProcessor.class, "processJob", Fixtures.Job.class).isEmpty());
        assertEquals("connector.processing_started", rule.event(Phase.ENTER).eventType());
        assertEquals("connector.processing_completed", rule.event(Phase.RETURN).eventType());
        assertEquals("connector.processing_failed", rule.event(Phase.EXCEPTION).eventType());

        Invocation call = new Invocation(new Fixtures.SimulatedImageConnector(),
                new Object[] {new Fixtures.Job("j-1", "image", 1), null});
        assertEquals("j-1", rule.correlation(call).jobId());
        Map<String, Object> attributes = rule.attributes(Phase.ENTER, call);
        assertEquals("SimulatedImageConnector", attributes.get("connector"));
        assertEquals("image", attributes.get("jobType"));
    }

    @Test
    void workerConventionEmitsLifecycleAndJobEvents() throws Exception {
        Fixtures.SampleWorker worker = new Fixtures.SampleWorker();
        Fixtures.Job job = new Fixtures.Job("j-2", "echo", 1);

        InstrumentationRule start = single(Fixtures.SampleWorker.class, "start");
        assertEquals("worker.starting", start.event(Phase.ENTER).eventType());
        assertEquals("worker.ready", start.event(Phase.RETURN).eventType());
        Correlation ids = start.correlation(new Invocation(worker, new Object[0]));
        assertEquals("worker-1", ids.workerId());
        assertEquals("machine-a", ids.machineId());
        assertEquals("[echo, image]", start.attributes(Phase.ENTER, new Invocation(worker, new Object[0]))
                .get("capabilities"));

        InstrumentationRule claim = single(Fixtures.SampleWorker.class, "claimJob", List.class);
        assertEquals(claim, single(Fixtures.SampleWorker.class, "claimNext"));
        assertNull(claim.event(Phase.ENTER));
        assertEquals("job.claimed", claim.event(Phase.RETURN).eventType());
        Invocation nothing = new Invocation(worker, new Object[] {null});
        nothing.complete(Optional.empty(), null);
        assertFalse(claim.emits(Phase.RETURN, nothing), "an empty poll is not a claim");
        Invocation claimed = new Invocation(worker, new Object[] {null});
        claimed.complete(Optional.of(job), null);
        assertTrue(claim.emits(Phase.RETURN, claimed));
        assertEquals("j-2", claim.correlation(claimed).jobId());
        assertEquals("worker-1", claim.correlation(claimed).workerId());
        assertEquals("echo", claim.attributes(Phase.RETURN, claimed).get("jobType"));

        InstrumentationRule complete = single(Fixtures.SampleWorker.class, "completeJob", Fixtures.Job.class,
                Map.class);
        assertEquals("job.completed", complete.event(Phase.RETURN).eventType());
        assertEquals("j-2", complete.correlation(new Invocation(worker, new Object[] {job, null})).jobId());

        InstrumentationRule fail = single(Fixtures.SampleWorker.class, "failJob", Fixtures.Job.class,
                Throwable.class);
        assertEquals(fail, single(Fixtures.SampleWorker.class, "failJob", Fixtures.Job.class, String.class));
        assertEquals("job.failed", fail.event(Phase.RETURN).eventType());
        Invocation withThrowable = new Invocation(worker, new Object[] {job, new IllegalStateException("GPU lost")});
        withThrowable.complete(job.withStatus(Fixtures.Status.FAILED), null);
        assertTrue(fail.emits(Phase.RETURN, withThrowable), "no retry left: the job failed");
        assertEquals("GPU lost", fail.attributes(Phase.RETURN, withThrowable).get("error"));
        Invocation retried = new Invocation(worker, new Object[] {job, new IllegalStateException("GPU lost")});
        retried.complete(job.withStatus(Fixtures.Status.PENDING), null);
        assertFalse(fail.emits(Phase.RETURN, retried), "a retry remains: the job goes on");
        Invocation voidReturn = new Invocation(worker, new Object[] {job, "x"});
        voidReturn.complete(null, null);
        assertTrue(fail.emits(Phase.RETURN, voidReturn), "no status known: the call itself says the job failed");
        Invocation withMessage = new Invocation(worker, new Object[] {job, "timed out"});
        assertEquals("timed out", fail.attributes(Phase.RETURN, withMessage).get("error"));
        assertEquals("j-2", fail.correlation(withMessage).jobId());
    }

    @Test
    void progressGoesToPubSub() {
        InstrumentationRule rule = BUILT_IN.rule("progress.report");
        assertNotNull(rule);
        EventSpec spec = rule.event(Phase.ENTER);
        assertEquals("job:{jobId}:status", spec.channelTemplate());
        Invocation call = new Invocation(null, new Object[] {"j-3", 50, "half way"});
        assertEquals("job:j-3:status", spec.resolveChannel(rule.correlation(call), rule.attributes(Phase.ENTER, call)));
        for (InstrumentationRule r : BUILT_IN.rules()) {
            for (Phase phase : Phase.values()) {
                EventSpec e = r.event(phase);
                if (e != null && e.eventType().startsWith("job.progress")) {
                    assertTrue(e.isPubSub(), r.id() + " must not write progress to a stream");
                }
            }
        }
    }

    @Test
    void jobCreationConvention() throws Exception {
        InstrumentationRule create = single(Fixtures.JobQueue.class, "createJob", String.class, Map.class);
        assertEquals("job.created", create.event(Phase.RETURN).eventType());
        Invocation call = new Invocation(new Fixtures.JobQueue(), new Object[] {"echo", null});
        call.complete(new Fixtures.Job("j-9", "echo", 0), null);
        assertTrue(create.emits(Phase.RETURN, call));
        assertEquals("j-9", create.correlation(call).jobId());
        assertEquals("echo", create.attributes(Phase.RETURN, call).get("jobType"));
        assertTrue(matching(Fixtures.JobQueue.class, "claimJob", List.class).isEmpty(),
                "queue methods other than creation are the worker's business");
    }
}
