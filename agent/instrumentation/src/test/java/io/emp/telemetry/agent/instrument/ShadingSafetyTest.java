package io.emp.telemetry.agent.instrument;

import io.emp.telemetry.agent.instrument.redis.RedisFunctionModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent jar relocates its own Lettuce, Jedis and Reactor, rewriting every class reference AND
 * every string constant that names them, in all of its classes. A reference to them in this
 * module would silently point at the agent's relocated copies (and miss the application's), so
 * none may appear in the compiled classes: names are assembled at run time, advice uses JDK types.
 */
class ShadingSafetyTest {
    private static final String[] RELOCATED = {
            "io/lettuce", "io.lettuce", "redis/clients", "redis.clients", "Lreactor/", "reactor.core",
            "org/reactivestreams", "org.reactivestreams"};

    @Test
    void noCompiledClassNamesARelocatedLibrary() throws Exception {
        Path classes = Paths.get(RedisFunctionModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                checked++;
                String bytes = read(file);
                for (String name : RELOCATED) {
                    if (bytes.contains(name)) offenders.add(classes.relativize(file) + " contains " + name);
                }
            }
        }
        assertTrue(checked > 10, "found the module's classes in " + classes);
        assertEquals(List.of(), offenders);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
