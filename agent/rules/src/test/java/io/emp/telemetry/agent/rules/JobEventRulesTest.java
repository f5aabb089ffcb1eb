package io.emp.telemetry.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emp.telemetry.agent.rules.fixtures.JobSystems;
import io.emp.telemetry.agent.rules.fixtures.JobSystems.Status;
import io.emp.telemetry.agent.rules.fixtures.JobSystems.StoredJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * The job and queue events of the built-in rules (job.created's priority and user, job.queued, job.claimed's queue
 * wait, job.processing_started, job.completed's result) on two differently shaped job systems.
 */
class JobEventRulesTest {
    private static final RuleSet BUILT_IN = RuleLoader.load(JobEventRulesTest.class.getClassLoader(),
            Collections.emptyList());

    private static List<String> matchingIds(Class<?> type, String method, Class<?>... params) throws Exception {
        TypeDescription t = TypeDescription.ForLoadedType.of(type);
        MethodDescription m = new MethodDescription.ForLoadedMethod(type.getDeclaredMethod(method, params));
        List<String> out = new ArrayList<>();
        for (InstrumentationRule rule : BUILT_IN.rules()) {
            if (rule.typeMatcher().matches(t) && rule.methodMatcher().matches(m)) {
                out.add(rule.id());
            }
        }
        return out;
    }

    private static Invocation returned(Object self, Object[] args, Object value) {
        Invocation call = new Invocation(self, args);
        call.complete(value, null);
        return call;
    }

    @Test
    void creationIsCreatedThenQueuedWithPriorityAndUser() throws Exception {
        assertEquals(List.of("job.create"), matchingIds(JobSystems.TaskQueue.class, "createJob", String.class, Map.class));
        InstrumentationRule create = BUILT_IN.rule("job.create");
        StoredJob job = new StoredJob("j-1", Status.PENDING, 0, 1_000L, 1_000L, null);
        Invocation call = returned(new JobSystems.TaskQueue(job), new Object[] {"echo", null}, job);

        assertTrue(create.emits(Phase.RETURN, call));
        assertEquals("j-1", create.correlation(call).jobId());
        assertEquals("user-42", create.correlation(call).userId());
        assertEquals(7, create.attributes(Phase.RETURN, call).get("priority"));

        PhaseSpec queued = create.phase(Phase.RETURN).then();
        assertEquals("job.queued", queued.event().eventType(), "written right after job.created, in its span");
        assertTrue(create.emits(queued, call));
        Map<String, Object> attributes = create.attributes(queued, call);
        assertEquals("echo", attributes.get("queueName"), "queues kept per job type are named by the type");
        assertEquals("created", attributes.get("reason"));
        assertEquals(7, attributes.get("priority"));

        StoredJob scheduled = new StoredJob("j-2", Status.CLAIMED, 0, 1_000L, null, null);
        Invocation other = returned(null, new Object[] {"echo", null}, scheduled);
        assertTrue(create.emits(Phase.RETURN, other));
        assertFalse(create.emits(queued, other), "a job created in another state did not enter the queue");
        assertFalse(create.emits(queued, returned(null, new Object[] {"echo", null}, null)), "no job, no queue entry");
    }

    @Test
    void aFailureThatLeavesARetryRequeuesTheJob() throws Exception {
        assertEquals(List.of("worker.fail-job"),
                matchingIds(JobSystems.QueueWorker.class, "failJob", StoredJob.class, Throwable.class));
        InstrumentationRule fail = BUILT_IN.rule("worker.fail-job");
        PhaseSpec requeue = fail.phase(Phase.RETURN).then();
        assertEquals("job.queued", requeue.event().eventType());
        StoredJob attempt = new StoredJob("j-3", Status.CLAIMED, 1, 1_000L, 1_000L, 1_500L);
        Object[] args = {attempt, new IllegalStateException("GPU lost")};

        Invocation retry = returned(new JobSystems.QueueWorker(), args,
                new StoredJob("j-3", Status.PENDING, 1, 1_000L, 2_000L, null));
        assertTrue(fail.emits(requeue, retry));
        assertFalse(fail.emits(Phase.RETURN, retry), "exactly one of the two: queued again, or failed");
        Map<String, Object> attributes = fail.attributes(requeue, retry);
        assertEquals("retry", attributes.get("reason"));
        assertEquals(1, attributes.get("attempt"), "the attempt that failed");
        assertEquals("echo", attributes.get("queueName"));
        assertEquals("GPU lost", attributes.get("error"));
        assertEquals("j-3", fail.correlation(retry).jobId());
        assertEquals("worker-9", fail.correlation(retry).workerId());

        Invocation givenUp = returned(new JobSystems.QueueWorker(), args,
                new StoredJob("j-3", Status.FAILED, 1, 1_000L, 1_000L, null));
        assertFalse(fail.emits(requeue, givenUp));
        assertTrue(fail.emits(Phase.RETURN, givenUp));
    }

    @Test
    void aClaimCarriesHowLongTheJobWaitedSinceItLastEnteredTheQueue() throws Exception {
        InstrumentationRule claim = BUILT_IN.rule("worker.claim");
        StoredJob retried = new StoredJob("j-4", Status.CLAIMED, 2, 1_000L, 5_000L, 5_250L);
        Map<String, Object> attributes = claim.attributes(Phase.RETURN,
                returned(new JobSystems.QueueWorker(), new Object[0], retried));
        assertEquals(250L, attributes.get("queueWaitMs"), "claimedAt - queuedAt, not - createdAt");
        assertEquals(7, attributes.get("priority"));

        StoredJob noQueuedAt = new StoredJob("j-5", Status.CLAIMED, 1, 1_000L, null, 1_400L);
        assertEquals(400L, claim.attributes(Phase.RETURN, returned(null, new Object[0], noQueuedAt)).get("queueWaitMs"),
                "a job that does not record its queue entry waited since its creation");
    }

    @Test
    void anotherJobSystemsNamesGiveTheWaitToo() throws Exception {
        assertEquals(List.of("worker.claim"), matchingIds(JobSystems.BullWorker.class, "claimJob"));
        InstrumentationRule claim = BUILT_IN.rule("worker.claim");
        JobSystems.BullJob processed = new JobSystems.BullJob("b-1", "renders", 10_000L, 10_900L, null);
        Invocation call = returned(new JobSystems.BullWorker(), new Object[0], processed);
        assertEquals("b-1", claim.correlation(call).jobId());
        assertEquals(900L, claim.attributes(Phase.RETURN, call).get("queueWaitMs"), "processedOn - timestamp");

        long enqueued = System.currentTimeMillis() - 60_000;
        JobSystems.BullJob justTaken = new JobSystems.BullJob("b-2", "renders", 1L, null, Instant.ofEpochMilli(enqueued));
        long wait = (Long) claim.attributes(Phase.RETURN, returned(null, new Object[0], justTaken)).get("queueWaitMs");
        assertTrue(wait >= 60_000 && wait < 120_000, "an Instant enqueue time, until now (the claim): " + wait);

        Invocation created = returned(null, new Object[] {"x", null}, processed);
        InstrumentationRule create = BUILT_IN.rule("job.create");
        assertEquals("renders", create.attributes(create.phase(Phase.RETURN).then(), created).get("queueName"));
    }

    @Test
    void handingTheJobToAConnectorIsProcessingStarted() throws Exception {
        assertEquals(List.of("worker.run-job"), matchingIds(JobSystems.ConnectorRunner.class, "run",
                JobSystems.TaskConnector.class, StoredJob.class));
        InstrumentationRule run = BUILT_IN.rule("worker.run-job");
        assertEquals("job.processing_started", run.event(Phase.ENTER).eventType());
        assertNull(run.event(Phase.RETURN));
        StoredJob job = new StoredJob("j-6", Status.CLAIMED, 1, 1_000L, 1_000L, 1_100L);
        Invocation call = new Invocation(new JobSystems.ConnectorRunner(),
                new Object[] {new JobSystems.EchoConnector(), job});
        assertEquals("j-6", run.correlation(call).jobId());
        Map<String, Object> attributes = run.attributes(Phase.ENTER, call);
        assertEquals("EchoConnector", attributes.get("connector"));
        assertEquals("echo", attributes.get("jobType"));
        assertEquals(1, attributes.get("attempt"));
    }

    @Test
    void completionCarriesTheResultsTypeAndSize() throws Exception {
        InstrumentationRule complete = BUILT_IN.rule("worker.complete-job");
        StoredJob job = new StoredJob("j-7", Status.CLAIMED, 1, 1_000L, 1_000L, 1_100L);
        JobSystems.Output image = new JobSystems.Output(Map.of("imageUrl", "u", "width", 1024, "height", 1024), "image/png");
        Map<String, Object> attributes = complete.attributes(Phase.RETURN,
                returned(new JobSystems.QueueWorker(), new Object[] {job, image}, job));
        assertEquals("image/png", attributes.get("resultType"));
        assertEquals(3, attributes.get("resultSize"));

        Map<String, Object> plain = complete.attributes(Phase.RETURN,
                returned(new JobSystems.QueueWorker(), new Object[] {job, Map.of("a", 1, "b", 2)}, job));
        assertEquals(2, plain.get("resultSize"), "a map result is its own output");
    }
}
