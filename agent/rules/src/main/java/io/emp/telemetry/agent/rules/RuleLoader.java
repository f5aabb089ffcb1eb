package io.emp.telemetry.agent.rules;

import io.emp.telemetry.agent.rules.compile.ParsedFile;
import io.emp.telemetry.agent.rules.compile.RuleFileCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Entry point: loads the built-in rules packaged under {@value #BUILT_IN_DIR} and the user's rule files into one
 * {@link RuleSet}. Nothing here throws: unreadable files and invalid rules become {@link RuleProblem}s.
 */
public final class RuleLoader {
    public static final String BUILT_IN_DIR = "emp-rules/";
    /** Lists the built-in files, one per line (a class loader cannot list a directory inside a jar). */
    public static final String BUILT_IN_INDEX = BUILT_IN_DIR + "index.yaml";
    /** Skipped when a directory is loaded: it is the list of built-in files, not a rule file. */
    private static final String INDEX_FILE_NAME = "index.yaml";
    /** How built-in files are named in messages: {@code builtin:jobs.yaml}. */
    static final String BUILT_IN_SOURCE_PREFIX = "builtin:";
    private static final int MAX_FILE_BYTES = 1024 * 1024;

    private RuleLoader() {
    }

    /**
     * Built-in rules plus user files; a directory contributes its *.yaml and *.yml files in name order (except
     * {@code index.yaml}). Never throws.
     */
    public static RuleSet load(ClassLoader builtInLoader, List<Path> userFiles) {
        return compile(read(builtInLoader, userFiles));
    }

    /**
     * The first half of {@link #load}: reads the built-in and user files and parses their YAML, in order. Touches
     * neither ByteBuddy nor the rules' matchers, so it may run on another thread than {@link #compile}. Never
     * throws.
     */
    public static List<ParsedFile> read(ClassLoader builtInLoader, List<Path> userFiles) {
        List<ParsedFile> files = new ArrayList<>();
        try {
            loadBuiltIns(builtInLoader, files);
            if (userFiles != null) {
                for (Path path : userFiles) {
                    loadUserPath(path, files);
                }
            }
        } catch (RuntimeException unexpected) {
            files.add(ParsedFile.unreadable("rules", 1, 1, "could not load rules: " + unexpected));
        }
        return files;
    }

    /** The second half of {@link #load}: the parsed files, in order, into one {@link RuleSet}. Never throws. */
    public static RuleSet compile(List<ParsedFile> files) {
        RuleFileCompiler compiler = new RuleFileCompiler();
        try {
            for (ParsedFile file : files) {
                compiler.add(file);
            }
        } catch (RuntimeException unexpected) {
            compiler.problem("rules", 1, 1, "could not load rules: " + unexpected);
        }
        return new RuleSet(compiler.rules(), compiler.problems());
    }

    /** Only the given files, no built-ins. */
    public static RuleSet loadFiles(List<Path> files) {
        return load(null, files);
    }

    /** Parses one YAML document; {@code sourceName} is used in messages. Never throws. */
    public static RuleSet parse(String sourceName, String yaml) {
        RuleFileCompiler compiler = new RuleFileCompiler();
        compiler.add(sourceName, yaml);
        return new RuleSet(compiler.rules(), compiler.problems());
    }

    /**
     * Built-in rules plus the files of the {@code rules} setting ({@code EMP_RULES} / {@code -Demp.rules} /
     * agent option {@code rules=}): comma-separated files or directories. Entries that are not valid paths are
     * reported as problems. Never throws.
     */
    public static RuleSet loadFromSetting(ClassLoader builtInLoader, String commaSeparatedPaths) {
        List<Path> files = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        split(commaSeparatedPaths, files, invalid);
        RuleSet set = load(builtInLoader, files);
        if (invalid.isEmpty()) {
            return set;
        }
        List<RuleProblem> problems = new ArrayList<>(set.problems());
        for (String entry : invalid) {
            problems.add(new RuleProblem(entry, 1, 1, "not a valid file path; ignored"));
        }
        return new RuleSet(set.rules(), problems);
    }

    /** Splits a comma-separated list of paths; blank entries are ignored and invalid ones left out. */
    public static List<Path> paths(String commaSeparated) {
        List<Path> paths = new ArrayList<>();
        split(commaSeparated, paths, new ArrayList<String>());
        return paths;
    }

    private static void split(String commaSeparated, List<Path> paths, List<String> invalid) {
        if (commaSeparated == null) {
            return;
        }
        for (String part : commaSeparated.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                paths.add(Paths.get(p));
            } catch (RuntimeException notAPath) {
                invalid.add(p);
            }
        }
    }

    private static void loadBuiltIns(ClassLoader loader, List<ParsedFile> files) {
        if (loader == null) {
            return;
        }
        List<ParsedFile> preparsed = PreparsedBuiltIns.read(loader);
        if (preparsed != null) {
            files.addAll(preparsed);
            return;
        }
        String index = resource(loader, BUILT_IN_INDEX);
        if (index == null) {
            files.add(ParsedFile.unreadable(BUILT_IN_INDEX, 1, 1, "built-in rule index not found; only user rules apply"));
            return;
        }
        for (String file : BuiltInIndex.files(index)) {
            String yaml = resource(loader, BUILT_IN_DIR + file);
            if (yaml == null) {
                files.add(ParsedFile.unreadable(BUILT_IN_INDEX, 1, 1, "built-in rule file " + file + " is listed but missing"));
            } else {
                files.add(ParsedFile.parse(BUILT_IN_SOURCE_PREFIX + file, yaml));
            }
        }
    }

    private static void loadUserPath(Path path, List<ParsedFile> parsed) {
        String name = String.valueOf(path);
        try {
            if (Files.isDirectory(path)) {
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.{yaml,yml}")) {
                    for (Path file : dir) {
                        if (!INDEX_FILE_NAME.equals(String.valueOf(file.getFileName()))) {
                            files.add(file);
                        }
                    }
                }
                Collections.sort(files);
                for (Path file : files) {
                    loadUserPath(file, parsed);
                }
                return;
            }
            if (!Files.isRegularFile(path)) {
                parsed.add(ParsedFile.unreadable(name, 1, 1, "rule file not found"));
                return;
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                parsed.add(ParsedFile.unreadable(name, 1, 1, "rule file is larger than " + MAX_FILE_BYTES + " bytes; skipped"));
                return;
            }
            parsed.add(ParsedFile.parse(name, new String(Files.readAllBytes(path), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            parsed.add(ParsedFile.unreadable(name, 1, 1, "cannot read rule file: " + e.getMessage()));
        }
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_FILE_BYTES) {
                    return null;
                }
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
