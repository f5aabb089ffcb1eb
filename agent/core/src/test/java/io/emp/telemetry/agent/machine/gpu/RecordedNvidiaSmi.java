package io.emp.telemetry.agent.machine.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Test resources under {@code nvidia-smi/}: recorded outputs, and the script that plays one back as nvidia-smi. */
public final class RecordedNvidiaSmi {
    private RecordedNvidiaSmi() {
    }

    public static String text(String resource) {
        try (InputStream in = RecordedNvidiaSmi.class.getResourceAsStream("/nvidia-smi/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no test resource nvidia-smi/" + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs the player for {@code recording} ({@code l40s-load.csv}) in {@code dir}; returns the executable. */
    public static Path install(Path dir, String recording) throws IOException {
        String base = recording.substring(0, recording.lastIndexOf('.'));
        Files.writeString(dir.resolve(recording), text(recording));
        Path script = dir.resolve(base + ".sh");
        Files.writeString(script, text("recorded-nvidia-smi.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A script for what no recording can show: an nvidia-smi that never answers. */
    public static Path hanging(Path dir) throws IOException {
        Path script = dir.resolve("hanging-nvidia-smi.sh");
        Files.writeString(script, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
