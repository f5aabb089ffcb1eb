package io.emp.telemetry.it.jar;

import io.emp.telemetry.it.harness.JvmRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged agent jar, entry by entry: no second async Redis stack (Netty, Reactor, Lettuce — issue 8), no
 * OkHttp (nor its Okio and Kotlin: the application brings them; the agent's advice only names them),
 * and no class that the agent's own code can reach refers to a shaded class the jar does not carry (the
 * jar keeps only the part of Jedis the emitter uses, and a relocation slip would show up here too).
 */
class AgentJarContentsTest {
    private static final String SHADED = "io/emp/telemetry/agent/shaded/";
    private static final String[] FORBIDDEN = {"netty", "reactor/", "reactivestreams", "lettuce", "okhttp3/", "okio/", "kotlin/"};
    /** Our advice for the APPLICATION's Lettuce: named after it, references no Lettuce type (ShadingSafetyTest). */
    private static final String OWN_INSTRUMENTATION = "io/emp/telemetry/agent/instrument/";

    private static final Map<String, byte[]> classes = new HashMap<>();
    private static final List<String> entries = new ArrayList<>();

    @BeforeAll
    static void readJar() throws IOException {
        try (JarFile jar = new JarFile(JvmRun.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                entries.add(entry.getName());
                if (entry.getName().endsWith(".class")) {
                    classes.put(entry.getName().substring(0, entry.getName().length() - 6), jar.getInputStream(entry).readAllBytes());
                }
            }
        }
        assertTrue(classes.size() > 1000, "read the agent jar at " + JvmRun.agentJar());
    }

    @Test
    void noNettyReactorLettuceOrOkHttpInside() {
        List<String> offenders = new ArrayList<>();
        for (String name : entries) {
            String n = name.toLowerCase(Locale.ROOT);
            if (name.startsWith(OWN_INSTRUMENTATION)) continue;
            for (String f : FORBIDDEN) {
                if (n.contains(f)) offenders.add(name);
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** The framework instrumentations (Spring MVC, JAX-RS) name the application's framework; they never ship it. */
    @Test
    void noWebFrameworkOrServletApiInside() {
        List<String> offenders = new ArrayList<>();
        for (String name : entries) {
            if (name.startsWith("org/springframework/") || name.startsWith("jakarta/") || name.startsWith("javax/servlet/")
                    || name.startsWith("javax/ws/") || name.startsWith("org/glassfish/")) {
                offenders.add(name);
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void everyShadedClassTheAgentCanReachIsInTheJar() throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String name : classes.keySet()) {
            // Roots: the agent's own code (core, instrumentation, and the relocated emitter/config/log/rules/schema).
            if (!name.startsWith(SHADED) || name.startsWith(SHADED + "emp/") || name.startsWith(SHADED + "schema/")) {
                todo.add(name);
                seen.add(name);
            }
        }
        Set<String> missing = new TreeSet<>();
        while (!todo.isEmpty()) {
            String name = todo.poll();
            for (String ref : ClassReferences.of(classes.get(name))) {
                if (!ref.startsWith(SHADED) || seen.contains(ref)) continue;
                if (!classes.containsKey(ref)) {
                    missing.add(ref + " (from " + name + ")");
                    continue;
                }
                seen.add(ref);
                todo.add(ref);
            }
        }
        if (Boolean.getBoolean("it.print.reachable")) new TreeSet<>(seen).forEach(System.out::println);
        assertEquals(Set.of(), missing);
    }
}
