package io.emp.telemetry.agent.instrument;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstrumentationsTest {
    /** Registered through META-INF/services in the test below. */
    public static final class ExtraModule extends InstrumentationModule {
        public ExtraModule() {
            super("extra", false);
        }

        @Override
        public List<TypeInstrumentation> typeInstrumentations(AgentRuntime runtime) {
            return Collections.emptyList();
        }
    }

    @Test
    void coreModulesComeFirstThenRegisteredOnes() throws IOException {
        List<String> names = Instrumentations.all(Collections.emptyList(), null).stream()
                .map(InstrumentationModule::name).collect(Collectors.toList());
        assertEquals(List.of("facade", "annotations", "rules", "lifecycle"), names.subList(0, 4));
    }

    @Test
    void modulesRegisteredAsServicesAreFoundAndBrokenOnesSkipped() throws IOException {
        Path dir = Files.createTempDirectory("services");
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(InstrumentationModule.class.getName()),
                (ExtraModule.class.getName() + "\nno.such.Module\n").getBytes(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()},
                InstrumentationsTest.class.getClassLoader())) {
            List<InstrumentationModule> found = Instrumentations.registered(loader);
            assertEquals(List.of("extra"), found.stream().map(InstrumentationModule::name).collect(Collectors.toList()));
        }
    }
}
