package dev.teak.algorithms.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir Path run;

    @Test
    void aSavedStateReadsBackExactly() throws IOException {
        Checkpoint ck = Checkpoint.open(run);
        assertTrue(ck.latest().isEmpty());
        assertEquals(0, ck.nextStep());
        double a = 0.1 + 0.2, tiny = Math.ulp(1.0) / 3;
        ck.save(7, Map.of("a", a, "tiny", tiny, "n", Long.MAX_VALUE, "w", new double[] {1.5, -0.25, a}, "bad", Double.NaN));

        Checkpoint again = Checkpoint.open(run);
        Checkpoint.Saved s = again.latest().orElseThrow();
        assertEquals(7, s.step());
        assertEquals(8, again.nextStep());
        assertEquals(a, s.getDouble("a"), 0.0);
        assertEquals(tiny, s.getDouble("tiny"), 0.0);
        assertEquals(Long.MAX_VALUE, s.getLong("n"));
        assertArrayEquals(new double[] {1.5, -0.25, a}, s.getDoubles("w"), 0.0);
        assertTrue(Double.isNaN(s.getDouble("bad")));
        assertFalse(s.state().containsKey("step"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getDouble("missing"));
        assertTrue(e.getMessage().contains("'missing' is not a number"), e.getMessage());
    }

    @Test
    void binaryFilesTravelWithTheirStateAndOldSavesAreRemoved() throws IOException {
        Checkpoint ck = Checkpoint.open(run);
        Checkpoint.Writer w = ck.begin(1);
        Files.write(w.file("weights.bin"), new byte[] {1, 2, 3});
        w.commit(Map.of("k", 1));
        Checkpoint.Writer w2 = ck.begin(2);
        Files.write(w2.file("weights.bin"), new byte[] {4, 5});
        w2.commit(Map.of("k", 2));

        Checkpoint.Saved s = Checkpoint.open(run).latest().orElseThrow();
        assertEquals(2, s.step());
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(s.file("weights.bin")));
        try (Stream<Path> dirs = Files.list(run.resolve("checkpoint"))) {
            assertEquals(List.of("LATEST", "step-000000000002"), dirs.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertThrows(IllegalArgumentException.class, () -> ck.begin(3).file("../escape"));
        assertThrows(IllegalArgumentException.class, () -> ck.begin(1), "steps never go back");
    }

    @Test
    void aSaveThatNeverCommittedLeavesThePreviousOneInForce() throws IOException {
        Checkpoint ck = Checkpoint.open(run);
        ck.save(4, Map.of("a", 4.0));
        Checkpoint.Writer torn = ck.begin(5);             // the process dies while writing step 5
        Files.write(torn.file("weights.bin"), new byte[10]);

        Checkpoint reopened = Checkpoint.open(run);
        assertEquals(4, reopened.latest().orElseThrow().step());
        assertEquals(4.0, reopened.latest().get().getDouble("a"), 0.0);
        reopened.save(5, Map.of("a", 5.0));               // redoing step 5 replaces the leftovers
        assertEquals(5.0, Checkpoint.open(run).latest().orElseThrow().getDouble("a"), 0.0);
        try (Stream<Path> dirs = Files.list(run.resolve("checkpoint"))) {
            assertEquals(2, dirs.count(), "LATEST and one step folder");
        }
    }

    @Test
    void aDamagedPointerIsReportedWithTheFileName() throws IOException {
        Files.createDirectories(run.resolve("checkpoint"));
        Files.writeString(run.resolve("checkpoint/LATEST"), "step-000000000003\n");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.open(run));
        assertTrue(e.getMessage().contains("LATEST names 'step-000000000003'") && e.getMessage().contains("damaged"), e.getMessage());
    }
}
