package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.algorithms.cli.Teak;
import dev.teak.algorithms.run.Json;
import dev.teak.algorithms.run.MetricsLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code teak lds} through the command line with a tiny budget: the run folder holds
 * {@code summary.json} with exactly {@code accuracy -> {gcn, lds} -> {mean, std, seeds}}, the
 * graph inspection, the plots and one metrics line per outer epoch and per finished run.
 */
class LdsCliTest {
    @Test void tinyWineRunWritesTheSummaryTheIssueNames(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path run = dir.resolve("run");
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new Teak(List.of(new LdsMethod()), o, e, false, dir, 60_000).run(new String[] {
                    "lds", "--seeds", "2", "--max-epochs", "1", "--max-inner", "10", "--patience", "1", "--samples", "2",
                    "--out", run.toString(), "--quiet"});
        }
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        Map<String, Object> summary = Json.read(run.resolve("summary.json"));
        assertEquals(Set.of("accuracy"), summary.keySet());
        Map<?, ?> acc = (Map<?, ?>) summary.get("accuracy");
        assertEquals(Set.of("gcn", "lds"), acc.keySet());
        for (Object m : acc.values()) {
            Map<?, ?> stats = (Map<?, ?>) m;
            assertEquals(Set.of("mean", "std", "seeds"), stats.keySet());
            List<?> seeds = (List<?>) stats.get("seeds");
            assertEquals(2, seeds.size());
            double mean = (((Number) seeds.get(0)).doubleValue() + ((Number) seeds.get(1)).doubleValue()) / 2;
            assertEquals(mean, ((Number) stats.get("mean")).doubleValue(), 1e-12);
            assertTrue(mean > 0.5, "even a tiny budget beats chance (about 0.4): " + mean);
        }
        Map<String, Object> graph = Json.read(run.resolve("graph.json"));
        assertTrue(graph.containsKey("lds"), "graph inspection of the LDS runs");
        for (String png : new String[] {"accuracy.png", "same_class_share.png"}) assertTrue(Files.size(run.resolve(png)) > 1000, png);
        List<Map<String, Object>> lines = MetricsLog.read(run.resolve("metrics.jsonl"));
        long done = lines.stream().filter(l -> Boolean.TRUE.equals(l.get("unit_done"))).count();
        assertEquals(4, done, "one final line per model and seed");
        assertTrue(lines.stream().anyMatch(l -> "lds".equals(l.get("model")) && l.get("same_class_share") instanceof Number));
    }
}
