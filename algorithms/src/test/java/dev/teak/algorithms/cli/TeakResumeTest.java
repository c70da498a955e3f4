package dev.teak.algorithms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crashes at awkward moments, each followed by {@code --resume}: before the first checkpoint,
 * right after a checkpoint, on the last step (logged, summary not yet written), and twice in a
 * row. The resumed folder must end byte-identical in metrics and summary to a run that never
 * stopped.
 */
class TeakResumeTest {
    @TempDir static Path wd;
    private static String wholeMetrics, wholeSummary;
    private static final String[] RUN = {"linefit", "--steps", "30", "--seed", "11", "--batch", "8"};

    @BeforeAll
    static void uninterrupted() throws IOException {
        CliRun r = CliRun.of(wd, concat(RUN, "--out", "whole", "--quiet"));
        assertEquals(Teak.OK, r.status(), r.err());
        wholeMetrics = Files.readString(wd.resolve("whole/metrics.jsonl"));
        wholeSummary = Files.readString(wd.resolve("whole/summary.json"));
    }

    @ParameterizedTest(name = "crash after step {0}, checkpoint every {1}, then at {2}")
    @CsvSource({
        "0, 1, -1",     // nothing checkpointed yet: resume starts over with an empty log
        "2, 5, -1",     // crash before the first save (step 4): resume starts over
        "14, 5, -1",    // crash on a step that would have been checkpointed (logged, not saved)
        "29, 7, -1",    // last step logged, no summary yet
        "9, 4, 20"})    // crash, resume, crash again, resume
    void resumeEndsAsTheUninterruptedRun(int failAt, int every, int secondFailAt) throws IOException {
        String out = "crash-" + failAt + "-" + every + "-" + secondFailAt;
        CliRun first = CliRun.of(wd, concat(RUN, "--out", out, "--checkpoint-every", "" + every, "--fail-at", "" + failAt, "--quiet"));
        assertEquals(Teak.FAILED, first.status(), first.err());
        assertEquals(failAt + 1, Files.readAllLines(wd.resolve(out).resolve("metrics.jsonl")).size(), "steps 0.." + failAt + " logged");
        if (secondFailAt >= 0) {
            CliRun second = CliRun.of(wd, "linefit", "--out", out, "--resume", "--fail-at", "" + secondFailAt, "--quiet");
            assertEquals(Teak.FAILED, second.status(), second.err());
            assertEquals(secondFailAt + 1, Files.readAllLines(wd.resolve(out).resolve("metrics.jsonl")).size());
        }
        CliRun resumed = CliRun.of(wd, "linefit", "--out", out, "--resume", "--fail-at", "-1", "--quiet");
        assertEquals(Teak.OK, resumed.status(), resumed.err());
        assertEquals(wholeMetrics, Files.readString(wd.resolve(out).resolve("metrics.jsonl")));
        assertEquals(wholeSummary, Files.readString(wd.resolve(out).resolve("summary.json")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
