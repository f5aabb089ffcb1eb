package io.emp.telemetry.agent.rules.compile;

import io.emp.telemetry.agent.rules.RuleProblem;
import io.emp.telemetry.agent.rules.yaml.YamlNode;
import io.emp.telemetry.agent.rules.yaml.YamlReader;
import io.emp.telemetry.agent.rules.yaml.YamlSyntaxError;

import java.util.Collections;
import java.util.List;

/**
 * One rule file's YAML documents, or the problem that kept it from being read. Parsing is the YAML
 * step only (Jackson and SnakeYAML, no ByteBuddy), so the agent can do it on another thread while
 * its main thread sets up ByteBuddy; turning documents into rules happens in {@link RuleFileCompiler}.
 */
public final class ParsedFile {
    private final String source;
    private final List<YamlNode> documents;
    private final RuleProblem problem;

    private ParsedFile(String source, List<YamlNode> documents, RuleProblem problem) {
        this.source = source;
        this.documents = documents;
        this.problem = problem;
    }

    /** Never throws: a syntax error, or anything unexpected, becomes the file's problem. */
    public static ParsedFile parse(String source, String yaml) {
        try {
            return new ParsedFile(source, YamlReader.read(yaml == null ? "" : yaml), null);
        } catch (YamlSyntaxError e) {
            return failed(source, new RuleProblem(source, e.line(), e.column(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError unexpected) {
            return failed(source, new RuleProblem(source, 1, 1, "could not load rules: " + unexpected));
        }
    }

    /** A file whose documents were parsed before ({@code PreparsedBuiltIns}: at build time). */
    public static ParsedFile parsed(String source, List<YamlNode> documents) {
        return new ParsedFile(source, documents, null);
    }

    /** A file that could not be read at all (missing, too large, unreadable). */
    public static ParsedFile unreadable(String source, int line, int column, String message) {
        return failed(source, new RuleProblem(source, line, column, message));
    }

    private static ParsedFile failed(String source, RuleProblem problem) {
        return new ParsedFile(source, Collections.<YamlNode>emptyList(), problem);
    }

    public String source() {
        return source;
    }

    public List<YamlNode> documents() {
        return documents;
    }

    /** Null when the file was parsed. */
    public RuleProblem problem() {
        return problem;
    }
}
