package dev.teak.algorithms.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir Path dir;

    @Test
    void eachLineIsOneFlushedJsonObjectWithTheStepFirst() throws IOException {
        try (MetricsLog log = MetricsLog.open(dir, -1)) {
            log.log(0, "loss", 1.5, "name", "a");
            // Flushed: visible to a reader before close.
            assertEquals("{\"step\":0,\"loss\":1.5,\"name\":\"a\"}\n", Files.readString(dir.resolve("metrics.jsonl")));
            log.log(0, Map.of("eval", 2));
            log.log(3, "loss", Double.NaN, "inf", Double.POSITIVE_INFINITY);
            assertEquals(3, log.lastStep());
        }
        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals("{\"step\":3,\"loss\":\"NaN\",\"inf\":\"Infinity\"}", lines.get(2), "non-finite values stay valid JSON");
        List<Map<String, Object>> read = MetricsLog.read(dir.resolve("metrics.jsonl"));
        assertEquals(3, read.size());
        assertEquals(2, read.get(1).get("eval"));
    }

    @Test
    void badLinesAreRefused() throws IOException {
        try (MetricsLog log = MetricsLog.open(dir, -1)) {
            log.log(5, "x", 1);
            assertThrows(IllegalArgumentException.class, () -> log.log(4, "x", 1), "steps never decrease");
            assertThrows(IllegalArgumentException.class, () -> log.log(6, "x"), "names and values alternate");
            assertThrows(IllegalArgumentException.class, () -> log.log(6, Map.of("step", 1)));
            assertThrows(IllegalArgumentException.class, () -> log.log(-1, "x", 1));
        }
        assertEquals(1, Files.readAllLines(dir.resolve("metrics.jsonl")).size(), "refused lines are not written");
    }

    @Test
    void truncateKeepsTheLinesUpToTheCheckpointByteForByteAndDropsATornLine() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        String kept = "{\"step\":0,\"loss\":0.10000000000000001}\n{\"step\":1, \"loss\":2}\n{\"step\":1,\"eval\":3}\n";
        Files.writeString(f, kept + "{\"step\":2,\"loss\":1}\n{\"step\":3,\"lo");
        assertEquals(3, MetricsLog.truncate(f, 1));
        assertEquals(kept, Files.readString(f));
        assertEquals(0, MetricsLog.truncate(f, -1));
        assertEquals("", Files.readString(f));
    }

    @Test
    void readStopsAtTheFirstLineThatIsNotAStepObject() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, "{\"step\":0}\n[1,2]\n{\"step\":1}\n");
        assertEquals(1, MetricsLog.read(f).size());
        Files.writeString(f, "{\"step\":0}\n{\"nostep\":1}\n", StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(1, MetricsLog.read(f).size());
    }

    @Test
    void seriesPicksTheNumericValuesOfOneKey() {
        List<Map<String, Object>> lines = List.of(Map.of("step", 0, "loss", 4.0), Map.of("step", 1, "eval", 1.0),
                Map.of("step", 2, "loss", "NaN"), Map.of("step", 3, "loss", 1));
        double[][] xy = MetricsLog.series(lines, "loss");
        assertEquals(List.of(0.0, 3.0), List.of(xy[0][0], xy[0][1]));
        assertEquals(List.of(4.0, 1.0), List.of(xy[1][0], xy[1][1]));
        assertTrue(xy[0].length == 2);
    }
}
