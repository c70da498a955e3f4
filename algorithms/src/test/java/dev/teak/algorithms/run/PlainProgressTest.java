package dev.teak.algorithms.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
    private long now;

    @Test
    void printsAtMostOneLinePerIntervalWithRateAndEta() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        long s = 1_000_000_000L;
        // Resumed at 10 of 110; a line at most every 5 s.
        PlainProgress p = new PlainProgress(out, "fit", 10, 110, 5 * s, () -> now);
        now = 2 * s;
        p.step(20);                                   // 2 s < 5 s: silent
        now = 5 * s;
        p.message("loss 0.5");
        p.step(30);                                   // 60/110 after 5 s: 50 done -> 10 it/s, 50 left -> eta 5 s
        now = 6 * s;
        p.step(1);                                    // 1 s after the last line: silent
        now = 8 * s;
        p.close();                                    // always a last line: 51 done in 8 s -> 6.375 it/s, 49 left -> 7.7 s
        p.close();                                    // once
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "fit: 60/110 (54%), 10 it/s, eta 0:00:05, elapsed 0:00:05, loss 0.5",
                "fit: 61/110 (55%), 6.38 it/s, eta 0:00:08, elapsed 0:00:08, loss 0.5"), lines);
    }

    @Test
    void noRateBeforeAnyWorkAndNoEtaWhenDone() {
        PlainProgress p = new PlainProgress(new PrintStream(new ByteArrayOutputStream()), "x", 0, 4, 1, () -> now);
        now = 0;
        assertEquals("x: 0/4 (0%), elapsed 0:00:00", p.line(0));
        p.step(4);
        assertEquals("x: 4/4 (100%), 2.00 it/s, elapsed 0:00:02", p.line(2_000_000_000L));
        assertEquals("1:01:01", PlainProgress.clockTime(3661));
    }
}
