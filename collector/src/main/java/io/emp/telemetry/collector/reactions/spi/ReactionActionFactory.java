package io.emp.telemetry.collector.reactions.spi;

import java.util.Map;

/**
 * The extension point for custom actions. A plugin jar in the reactions plugins folder
 * ({@code collector.reactions-plugins}) lists its factories in
 * {@code META-INF/services/io.emp.telemetry.collector.reactions.spi.ReactionActionFactory}; a reaction then uses
 * the factory's {@link #name()} as its action key:
 *
 * <pre>
 * actions:
 *   - ticket.open: {queue: support, title: "job {jobId} failed: {failure.category}"}
 * </pre>
 *
 * See docs/reactions.md, "Custom actions".
 */
public interface ReactionActionFactory {
    /** The action key in reactions files; must not be a built-in action's name. */
    String name();

    /**
     * Creates the action from its configuration as written in the file (maps, lists, strings, numbers, booleans;
     * strings may be templates, rendered with {@link ActionContext#render}).
     *
     * @throws IllegalArgumentException when the configuration is wrong; the message is reported with the file,
     *                                  line and column of the action
     */
    ReactionAction create(Map<String, Object> config);
}
