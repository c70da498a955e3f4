package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.algorithms.cli.Teak;
import dev.teak.algorithms.run.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code teak demi} through the real CLI with a tiny budget: the summary holds the issue's keys,
 * bad options exit with status 2, and a run that crashes mid-way (--fail-at, after a step is
 * logged but before its checkpoint) and is resumed ends with the same metrics.jsonl and
 * summary.json as a run that never stopped: no step lost, none logged twice.
 */
class DemiCliTest {
    @TempDir static Path wd;
    private static final String[] RUN = {"demi", "--mi", "5,20", "--subviews", "1,2,4", "--steps", "20", "--eval-batches", "2",
        "--log-every", "1", "--checkpoint-every", "10", "--seed", "4", "--quiet"};
    private static String wholeMetrics, wholeSummary;

    @BeforeAll
    static void uninterrupted() throws IOException {
        assertEquals(Teak.OK, run(concat(RUN, "--out", "whole")));
        wholeMetrics = Files.readString(wd.resolve("whole/metrics.jsonl"));
        wholeSummary = Files.readString(wd.resolve("whole/summary.json"));
    }

    @Test
    void summaryHoldsTheIssueKeys() throws IOException {
        Map<String, Object> s = Json.read(wd.resolve("whole/summary.json"));
        assertEquals(5.0, ((Number) s.get("true_mi")).doubleValue(), 1e-9);
        assertEquals(Math.log(64), ((Number) s.get("log_k")).doubleValue(), 1e-12);
        for (String key : List.of("infonce", "demi_2", "demi_4", "demi_2_is", "demi_4_is")) {
            Map<?, ?> e = (Map<?, ?>) s.get(key);
            assertTrue(e.get("mean") instanceof Number && e.get("std") instanceof Number, key + ": " + e);
            assertTrue(((Number) e.get("mean")).doubleValue() <= e.get("terms").toString().split(",").length * Math.log(64) + 1e-9);
        }
        assertTrue(((Map<?, ?>) s.get("demi_4_is")).get("ess") instanceof Number);
        assertEquals(2, ((List<?>) s.get("results")).size());
        assertTrue(Files.size(wd.resolve("whole/estimates.png")) > 1000 && Files.size(wd.resolve("whole/training.png")) > 1000);
    }

    @Test
    void badOptionsExitWithUsage() {
        assertEquals(Teak.USAGE, run("demi", "--critic", "cubic", "--out", "bad1", "--quiet"));
        assertEquals(Teak.USAGE, run("demi", "--k", "1", "--out", "bad2", "--quiet"));
        assertEquals(Teak.FAILED, run("demi", "--subviews", "30", "--steps", "1", "--out", "bad3", "--quiet"));
    }

    /** Crash on step 34 (config 2, after its checkpoint at 29), resume; then a crash on the last step of config 1. */
    @Test
    void resumeContinuesWithoutGapsOrDuplicates() throws IOException {
        for (int failAt : new int[] {34, 19}) {
            String out = "crash-" + failAt;
            assertEquals(Teak.FAILED, run(concat(RUN, "--out", out, "--fail-at", "" + failAt)));
            assertEquals(Teak.OK, run("demi", "--out", out, "--resume", "--fail-at", "-1", "--quiet"));
            String metrics = Files.readString(wd.resolve(out).resolve("metrics.jsonl"));
            assertEquals(wholeMetrics, metrics, "crash at " + failAt);
            assertEquals(wholeSummary, Files.readString(wd.resolve(out).resolve("summary.json")));
            List<Long> steps = new ArrayList<>();
            for (String line : metrics.split("\n")) {
                Map<String, Object> m = Json.parseObject(line);
                if (!m.containsKey("eval")) steps.add(((Number) m.get("step")).longValue());
            }
            for (int i = 0; i < steps.size(); i++) assertEquals(i, steps.get(i).longValue(), "training lines are steps 0, 1, 2, ...");
            assertEquals(40, steps.size());
        }
    }

    private static int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new Teak(List.of(new DemiMethod()), o, e, false, wd, 60_000).run(args);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
