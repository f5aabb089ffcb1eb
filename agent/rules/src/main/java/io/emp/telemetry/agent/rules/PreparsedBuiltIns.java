package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.compile.ParsedFile;
import io.emp.telemetry.agent.rules.yaml.YamlTreeCodec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in rule files, YAML-parsed when the agent is built ({@link #main}) and stored next to them as
 * {@value #RESOURCE}: at start-up the agent reads this instead of parsing the YAML, so neither Jackson's YAML
 * module nor SnakeYAML is loaded, let alone compiled by the JIT, unless the user has rule files of their own.
 * Same documents, same lines and columns (for messages), same order as the YAML files in the index.
 */
public final class PreparsedBuiltIns {
    public static final String RESOURCE = RuleLoader.BUILT_IN_DIR + "built-in-rules.bin";
    private static final int MAGIC = 0x454d5052; // "EMPR"
    private static final int VERSION = 1;

    private PreparsedBuiltIns() {
    }

    /**
     * Build time: {@code PreparsedBuiltIns <rules directory> <output file>} parses the files the directory's
     * {@code index.yaml} lists and writes their documents. Fails (so does the build) if a file is missing or
     * does not parse: a broken built-in file must not ship.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: PreparsedBuiltIns <rules dir> <output file>");
        Path dir = Paths.get(args[0]);
        List<ParsedFile> files = new ArrayList<>();
        String index = new String(Files.readAllBytes(dir.resolve("index.yaml")), StandardCharsets.UTF_8);
        for (String file : BuiltInIndex.files(index)) {
            String yaml = new String(Files.readAllBytes(dir.resolve(file)), StandardCharsets.UTF_8);
            ParsedFile parsed = ParsedFile.parse(RuleLoader.BUILT_IN_SOURCE_PREFIX + file, yaml);
            if (parsed.problem() != null) throw new IOException("built-in rule file does not parse: " + parsed.problem());
            files.add(parsed);
        }
        Path out = Paths.get(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out)) {
            write(files, stream);
        }
    }

    static void write(List<ParsedFile> files, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(files.size());
        for (ParsedFile file : files) {
            out.writeUTF(file.source());
            YamlTreeCodec.write(file.documents(), out);
        }
        out.flush();
    }

    /**
     * The pre-parsed files from {@code loader}, or null when the resource is absent or unreadable (then the
     * YAML files are parsed, as for a build that did not make it).
     */
    static List<ParsedFile> read(ClassLoader loader) {
        try (InputStream stream = loader.getResourceAsStream(RESOURCE)) {
            if (stream == null) return null;
            return read(stream);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static List<ParsedFile> read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) return null;
        int count = in.readInt();
        if (count < 0 || count > 10_000) return null;
        List<ParsedFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String source = in.readUTF();
            files.add(ParsedFile.parsed(source, YamlTreeCodec.read(in)));
        }
        return files;
    }
}
