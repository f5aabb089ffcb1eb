package io.emp.sample.worker.connector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageGenerationConnectorTest {
    private final ImageGenerationConnector connector = new ImageGenerationConnector();

    @Test
    void reportsRisingProgressAndChargesPerStep() throws Exception {
        List<Integer> percents = new ArrayList<>();
        ConnectorResult result = connector.processJob(
                TestJobs.claimed("img-1", "image-gen", 1, Map.of("prompt", "a lighthouse", "steps", 4, "stepDelayMs", 1)),
                (percent, message) -> percents.add(percent));

        assertEquals(List.of(0, 25, 50, 75, 100), percents);
        assertEquals(4, result.getCredits());
        assertTrue(result.getOutput().get("imageUrl").toString().endsWith("/img-1.png"));
        assertEquals(4L, result.getOutput().get("steps"));
    }

    @Test
    void promptIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> connector.processJob(
                TestJobs.claimed("img-2", "image-gen", 1, Map.of("steps", 2)), (p, m) -> { }));
        assertTrue(e.getMessage().contains("prompt"));
    }

    @Test
    void stepsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> connector.processJob(
                TestJobs.claimed("img-3", "image-gen", 1, Map.of("prompt", "x", "steps", 0)), (p, m) -> { }));
        assertThrows(IllegalArgumentException.class, () -> connector.processJob(
                TestJobs.claimed("img-4", "image-gen", 1, Map.of("prompt", "x", "steps", 51)), (p, m) -> { }));
    }
}
