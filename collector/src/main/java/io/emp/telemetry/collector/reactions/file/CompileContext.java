package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.collector.reactions.spi.ReactionActionFactory;

import java.util.Map;

/**
 * What compiling a reactions file needs from outside it.
 *
 * @param env          for {@code ${NAME}} in webhook URLs, headers and secrets (secrets stay out of the file)
 * @param plugins      custom actions by name
 * @param eventsStream where {@code emit} and the engine's own events go
 * @param eventsMaxLen MAXLEN ~ of those writes
 */
public record CompileContext(Map<String, String> env, Map<String, ReactionActionFactory> plugins, String eventsStream,
                             long eventsMaxLen) {
}
