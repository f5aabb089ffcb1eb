package io.emp.telemetry.collector.export.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** An append-only file rotated by size: {@code f} → {@code f.1} → … → {@code f.N} (the oldest is deleted). Not thread-safe. */
final class RotatingFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    RotatingFile(Path path, long maxBytes, int maxFiles) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /** Writes one complete batch; rotation happens only between batches, so a line is never split. */
    void write(byte[] bytes) throws IOException {
        if (out != null && size > 0 && size + bytes.length > maxBytes) rotate();
        if (out == null) open();
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    private void open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 64 * 1024);
        size = Files.size(path);
    }

    private void rotate() throws IOException {
        close();
        Files.deleteIfExists(sibling(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(sibling(i))) Files.move(sibling(i), sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(path, sibling(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path sibling(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            try {
                out.close();
            } finally {
                out = null;
            }
        }
    }
}
