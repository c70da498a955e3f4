package dev.teak.algorithms.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.algorithms.run.Json;
import dev.teak.algorithms.run.MetricsLog;
import dev.teak.tensor.Info;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run writes its folder; a crashed run resumed with --resume ends as an uninterrupted one would. */
class TeakRunTest {
    @TempDir Path wd;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void aRunWritesConfigMetricsSummaryAndPlots() throws IOException {
        CliRun r = CliRun.of(wd, "linefit", "--out", "r1", "--steps", "30", "--seed", "7", "--checkpoint-every", "10");
        assertEquals(Teak.OK, r.status(), r.err());
        Path dir = wd.resolve("r1");

        Map<String, Object> config = Json.read(dir.resolve("config.json"));
        assertEquals("linefit", config.get("method"));
        Map<?, ?> options = (Map<?, ?>) config.get("options");
        assertEquals(30, options.get("steps"));
        assertEquals(0.3, options.get("lr"));
        assertEquals("zeros", options.get("init"));
        assertEquals(new LineFitMethod().options().size(), options.size(), "every option is recorded");
        assertEquals(7, config.get("seed"));
        assertEquals("cpu", config.get("device"));
        assertEquals(Info.version(), config.get("teak_version"));
        assertEquals(dev.teak.tensor.cpu.KernelPath.describe(), config.get("kernel_path"));
        assertEquals(System.getProperty("java.version"), config.get("java_version"));
        assertTrue(config.get("threads") instanceof Integer t && t >= 1);

        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(30, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> m = Json.parseObject(lines.get(i));  // every line is one valid JSON object
            assertEquals(i, ((Number) m.get("step")).intValue());
            assertTrue(m.get("loss") instanceof Double);
        }
        double firstLoss = (Double) Json.parseObject(lines.get(0)).get("loss");
        double lastLoss = (Double) Json.parseObject(lines.get(29)).get("loss");
        assertTrue(lastLoss < firstLoss / 20, "loss fell from " + firstLoss + " to " + lastLoss);

        // The data were y = 2x - 1 + N(0, 0.1^2): the fit must find the true line.
        Map<String, Object> summary = Json.read(dir.resolve("summary.json"));
        assertEquals(2.0, (Double) summary.get("a"), 0.05);
        assertEquals(-1.0, (Double) summary.get("b"), 0.05);
        assertEquals(Json.line(summary), r.out().strip(), "the summary is also printed");

        for (String png : List.of("loss.png", "fit.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            byte[] head = java.util.Arrays.copyOf(bytes, 8);
            assertArrayEquals(PNG_SIGNATURE, head, png);
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(800, img.getWidth(), png);
            assertEquals(500, img.getHeight(), png);
        }
        assertTrue(Files.exists(dir.resolve("checkpoint/LATEST")));
    }

    @Test
    void anInterruptedRunResumesToTheUninterruptedResult() throws IOException {
        CliRun whole = CliRun.of(wd, "linefit", "--out", "whole", "--init", "normal", "--seed", "3", "--steps", "30");
        assertEquals(Teak.OK, whole.status(), whole.err());

        CliRun crashed = CliRun.of(wd, "linefit", "--out", "part", "--init", "normal", "--seed", "3", "--steps", "30",
                "--checkpoint-every", "5", "--fail-at", "12");
        assertEquals(Teak.FAILED, crashed.status());
        assertTrue(crashed.err().contains("teak linefit: failed: simulated crash after step 12"), crashed.err());
        assertTrue(crashed.err().contains("--resume"), "the failure says how to continue:\n" + crashed.err());
        Path part = wd.resolve("part");
        assertFalse(Files.exists(part.resolve("summary.json")));
        // Steps 10-12 were logged after the last checkpoint (step 9): the log is ahead of it.
        assertEquals(13, Files.readAllLines(part.resolve("metrics.jsonl")).size());
        assertEquals("step-000000000009", Files.readString(part.resolve("checkpoint/LATEST")).strip());

        CliRun resumed = CliRun.of(wd, "linefit", "--out", "part", "--resume", "--fail-at", "-1");
        assertEquals(Teak.OK, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("resuming from step 10"), resumed.err());

        List<Map<String, Object>> metrics = MetricsLog.read(part.resolve("metrics.jsonl"));
        assertEquals(30, metrics.size());
        for (int i = 0; i < metrics.size(); i++) assertEquals(i, ((Number) metrics.get(i).get("step")).intValue(), "step " + i);
        // Same seed, same path: every logged value and the result equal the uninterrupted run's.
        assertEquals(Files.readString(wd.resolve("whole/metrics.jsonl")), Files.readString(part.resolve("metrics.jsonl")));
        assertEquals(Json.read(wd.resolve("whole/summary.json")), Json.read(part.resolve("summary.json")));

        List<?> resumes = (List<?>) Json.read(part.resolve("config.json")).get("resumes");
        assertEquals(1, resumes.size());
        assertEquals(10, ((Map<?, ?>) resumes.get(0)).get("from_step"));
        assertEquals(10, ((Map<?, ?>) resumes.get(0)).get("metrics_lines_kept"));
        assertEquals(Map.of("fail-at", -1), ((Map<?, ?>) resumes.get(0)).get("changed_options"));
        assertEquals(12, ((Map<?, ?>) Json.read(part.resolve("config.json")).get("options")).get("fail-at"),
                "the options of the first attempt stay recorded");

        CliRun again = CliRun.of(wd, "linefit", "--out", "part", "--resume");
        assertEquals(Teak.OK, again.status());
        assertTrue(again.err().contains("already complete"), again.err());
    }

    @Test
    void resumeRefusesWhatCannotBeContinued() throws IOException {
        CliRun missing = CliRun.of(wd, "linefit", "--out", "nowhere", "--resume");
        assertEquals(Teak.USAGE, missing.status());
        assertTrue(missing.err().contains("--resume: no run folder " + wd.resolve("nowhere") + " (it does not exist)"), missing.err());
        assertFalse(Files.exists(wd.resolve("nowhere")));

        Files.createDirectories(wd.resolve("notarun"));
        CliRun notARun = CliRun.of(wd, "linefit", "--out", "notarun", "--resume");
        assertEquals(Teak.USAGE, notARun.status());
        assertTrue(notARun.err().contains("holds no config.json"), notARun.err());

        assertEquals(Teak.FAILED, CliRun.of(wd, "linefit", "--out", "p", "--fail-at", "3").status());
        CliRun lr = CliRun.of(wd, "linefit", "--out", "p", "--resume", "--lr", "0.5");
        assertEquals(Teak.USAGE, lr.status());
        assertTrue(lr.err().contains("--lr differs: the run in " + wd.resolve("p") + " used 0.3, this command gives 0.5"), lr.err());
        CliRun seed = CliRun.of(wd, "linefit", "--out", "p", "--resume", "--seed", "9");
        assertEquals(Teak.USAGE, seed.status());
        assertTrue(seed.err().contains("--seed differs"), seed.err());
        // Metrics untouched by the refused attempts: steps 0..3 (step 3 logged before the crash).
        assertEquals(4, Files.readAllLines(wd.resolve("p/metrics.jsonl")).size());
        // Equal values and options that do not matter are accepted.
        CliRun ok = CliRun.of(wd, "linefit", "--out", "p", "--resume", "--lr", "0.3", "--threads", "1", "--quiet", "--fail-at", "-1");
        assertEquals(Teak.OK, ok.status(), ok.err());
        assertEquals("", ok.err());
        assertEquals(24, Files.readAllLines(wd.resolve("p/metrics.jsonl")).size());
    }

    @Test
    void aNewRunNeverOverwritesAnExistingFolder() throws IOException {
        assertEquals(Teak.OK, CliRun.of(wd, "linefit", "--out", "r", "--steps", "2", "--quiet").status());
        String before = Files.readString(wd.resolve("r/metrics.jsonl"));
        CliRun r = CliRun.of(wd, "linefit", "--out", "r", "--steps", "5");
        assertEquals(Teak.USAGE, r.status());
        assertTrue(r.err().contains("already exists and is not empty"), r.err());
        assertEquals(before, Files.readString(wd.resolve("r/metrics.jsonl")));
    }

    @Test
    void theDefaultFolderIsNamedAfterTheMethodAndTime() throws IOException {
        CliRun r = CliRun.of(wd, "linefit", "--steps", "3", "--quiet");
        assertEquals(Teak.OK, r.status(), r.err());
        assertEquals("", r.out() + r.err(), "--quiet prints nothing");
        try (Stream<Path> s = Files.list(wd.resolve("runs"))) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size());
            assertTrue(dirs.get(0).getFileName().toString().matches("linefit-\\d{8}-\\d{6}"), dirs.toString());
            assertTrue(Files.exists(dirs.get(0).resolve("summary.json")));
        }
    }

    @Test
    void offATerminalProgressIsPlainLines() {
        CliRun r = CliRun.of(wd, 0, "linefit", "--out", "r", "--steps", "20", "--checkpoint-every", "20");
        assertEquals(Teak.OK, r.status(), r.err());
        assertFalse(r.err().contains("\r"), "no carriage returns");
        assertFalse(r.err().contains("\u001b"), "no escape codes");
        List<String> progress = r.err().lines().filter(l -> l.startsWith("linefit: ")).toList();
        assertTrue(progress.size() >= 20, "interval 0: a line per step and one on close, got " + progress);
        for (String l : progress) {
            assertTrue(l.matches("linefit: \\d+/20 \\(\\d+%\\)(, [0-9.]+ it/s)?(, eta \\d+:\\d\\d:\\d\\d)?, elapsed \\d+:\\d\\d:\\d\\d(, loss [0-9.]+)?"), l);
        }
        assertTrue(progress.get(progress.size() - 1).startsWith("linefit: 20/20 (100%)"), progress.toString());
    }
}
