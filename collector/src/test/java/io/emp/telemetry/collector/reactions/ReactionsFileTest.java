package io.emp.telemetry.collector.reactions;

import io.emp.telemetry.agent.rules.RuleProblem;
import io.emp.telemetry.collector.reactions.file.CompileContext;
import io.emp.telemetry.collector.reactions.file.ReactionsCompiler;
import io.emp.telemetry.collector.reactions.file.ReactionsFile;
import io.emp.telemetry.collector.reactions.file.ReactionsFileException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every kind of mistake in a reactions file is reported with file:line:column, all in one run. */
class ReactionsFileTest {
    static final CompileContext CTX = new CompileContext(Map.of("HOOK_SECRET", "s3cret"), Map.of(), "emp:events", 10_000);

    @Test
    void everyMistakeIsLocated() {
        String yaml = String.join("\n",
                "version: 1",                                                      // 1
                "classify:",                                                       // 2
                "  - id: bad-regex",                                               // 3
                "    message: \"HTTP (50\"",                                       // 4
                "    category: upstream",                                          // 5
                "  - id: no-pattern",                                              // 6
                "    category: other",                                             // 7
                "reactions:",                                                      // 8
                "  - id: typo",                                                    // 9
                "    on: job.completed",                                           // 10
                "    acions: []",                                                  // 11
                "  - id: bad-path",                                                // 12
                "    on: job.completed",                                           // 13
                "    where: {path: data..model, equals: x}",                       // 14
                "    actions: [{log: {message: hi}}]",                             // 15
                "  - id: bad-template",                                            // 16
                "    on: job.completed",                                           // 17
                "    actions:",                                                    // 18
                "      - redis.hset: {key: \"job:{jobid}\", fields: {status: done}}", // 19
                "  - id: unknown-action",                                          // 20
                "    on: job.failed",                                              // 21
                "    actions:",                                                    // 22
                "      - redis.sadd: {key: x}",                                    // 23
                "  - id: missing-env",                                             // 24
                "    on: job.failed",                                              // 25
                "    actions:",                                                    // 26
                "      - webhook: {url: \"http://x/\", secret: \"${NOPE}\"}",       // 27
                "  - id: wrong-type",                                              // 28
                "    on: job.failed",                                              // 29
                "    enabled: maybe",                                              // 30
                "    actions: [{log: {message: hi}}]",                             // 31
                "  - id: typo",                                                    // 32
                "    on: job.failed",                                              // 33
                "    actions: [{log: {message: hi}}]",                             // 34
                "  - id: two-kinds",                                               // 35
                "    on: job.failed",                                              // 36
                "    actions:",                                                    // 37
                "      - {log: {message: a}, emit: {event: job.x}}",               // 38
                "  - id: bad-duration",                                            // 39
                "    on: job.failed",                                              // 40
                "    actions:",                                                    // 41
                "      - webhook: {url: \"http://x/\", timeout: soon}",            // 42
                "");
        ReactionsFileException e = assertThrows(ReactionsFileException.class,
                () -> ReactionsCompiler.compile(Path.of("r.yaml"), yaml, CTX));
        List<String> got = e.problems().stream().map(RuleProblem::toString).toList();
        assertEquals(List.of(
                "r.yaml:4:23: classify rule: bad regular expression in classify rule message: Unclosed group",
                "r.yaml:6:5: classify rule: classify rule 'no-pattern' needs errorType or message (or both)",
                "r.yaml:11:5: reaction 'typo': unknown key 'acions' in the reaction (did you mean 'actions'?); allowed: id, description, enabled, on, service, where, actions",
                "r.yaml:14:24: reaction 'bad-path': bad path 'data..model' in where path: expected a name after '.'",
                "r.yaml:19:33: reaction 'bad-template': bad template 'job:{jobid}' in action redis.hset key: unknown field 'jobid'; an event has eventType, service, timestamp, traceId, spanId, parentSpanId, jobId, workerId, machineId, userId, errorType, errorMessage, data, failure, entry, reaction, now",
                "r.yaml:23:9: reaction 'unknown-action': unknown action 'redis.sadd'; known: redis.hset, redis.hincrby, redis.publish, redis.fcall, emit, webhook, log (no plugins loaded)",
                "r.yaml:27:46: reaction 'missing-env': action webhook secret: environment variable NOPE is not set",
                "r.yaml:30:14: reaction 'wrong-type': enabled must be true or false but is a string",
                "r.yaml:32:9: reaction 'typo': duplicate reaction id 'typo'",
                "r.yaml:38:29: reaction 'two-kinds': an action has one kind, but this one has 'log' and 'emit' (write them as two list entries)",
                "r.yaml:42:46: reaction 'bad-duration': action webhook timeout is not a duration (examples: 500ms, 30s, 5m, 1h) but 'soon'"),
                got, String.join("\n", got));
    }

    @Test
    void yamlSyntaxErrorIsLocated() {
        ReactionsFileException e = assertThrows(ReactionsFileException.class,
                () -> ReactionsCompiler.compile(Path.of("r.yaml"), "reactions:\n  - id: a\n    on: [job.x\n", CTX));
        RuleProblem p = e.problems().get(0);
        assertEquals("r.yaml", p.source());
        assertEquals(true, p.message().startsWith("YAML syntax error"), p.toString());
    }

    @Test
    void checkCommandReportsMistakesWithExitOne() throws Exception {
        Path bad = java.nio.file.Files.createTempFile("reactions", ".yaml");
        java.nio.file.Files.writeString(bad, "reactions:\n  - id: a\n    on: job.done\n    actions: [{redis.hset: {key: 'k:{jobid}', fields: {a: b}}}]\n");
        var r = io.emp.telemetry.collector.cli.CliAccess.run("reactions", "check", bad.toString(), "--last", "0");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(true, r.err().contains(bad + ":4:38: reaction 'a': bad template 'k:{jobid}'"), r.err());
        var ok = io.emp.telemetry.collector.cli.CliAccess.run("reactions", "check", "../sample-services/reactions.yaml", "--last", "0");
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals(2, io.emp.telemetry.collector.cli.CliAccess.run("reactions", "check").exit(), "usage error");
    }

    @Test
    void validFileCompiles() throws Exception {
        ReactionsFile f = ReactionsCompiler.compile(Path.of("../sample-services/reactions.yaml"),
                new CompileContext(Map.of("EMP_DEMO_WEBHOOK_URL", "http://127.0.0.1:1/hook", "EMP_DEMO_WEBHOOK_SECRET", "x"),
                        Map.of(), "emp:events", 10_000));
        assertEquals(true, f.reactions().size() >= 5, f.reactions().toString());
    }
}
