package io.emp.telemetry.collector.reactions.file;

import io.emp.telemetry.collector.reactions.classify.Classifier;

import java.nio.file.Path;
import java.util.List;

/** A compiled reactions file. */
public record ReactionsFile(Path path, Settings settings, Classifier classifier, List<Reaction> reactions) {
}
