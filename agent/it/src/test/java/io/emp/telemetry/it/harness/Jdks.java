package io.emp.telemetry.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The java executables the agent is tested on: the build JDK, and the newest JDK on the machine when present. */
public final class Jdks {
    private Jdks() {
    }

    public static List<Jdk> all() {
        List<Jdk> out = new ArrayList<>();
        Path current = Paths.get(System.getProperty("java.home"), "bin", "java");
        out.add(new Jdk("java" + Runtime.version().feature(), current));
        String newest = System.getProperty("it.newest.jdk");
        if (newest != null && !newest.isBlank()) {
            Path exe = Paths.get(newest, "bin", "java");
            try {
                if (Files.isExecutable(exe) && !Files.isSameFile(exe, current)) {
                    out.add(new Jdk("newest(" + Paths.get(newest).getFileName() + ")", exe));
                }
            } catch (java.io.IOException ignored) {
                // not there: the build JDK alone
            }
        }
        return out;
    }

    /** A java executable with a short name for test display names and service names. */
    public static final class Jdk {
        public final String name;
        public final Path java;

        Jdk(String name, Path java) {
            this.name = name;
            this.java = java;
        }

        /** Safe for service names and job ids. */
        public String tag() {
            return name.replaceAll("[^A-Za-z0-9]+", "");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
