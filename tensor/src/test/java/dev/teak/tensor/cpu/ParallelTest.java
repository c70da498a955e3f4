package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The range loop covers every index exactly once and passes a worker's exception through unchanged. */
class ParallelTest {
    @Test
    void coversEveryIndexOnce() {
        int n = 1_000_003;
        AtomicLong sum = new AtomicLong();
        Parallel.forRange(n, 1000, (lo, hi) -> {
            long s = 0;
            for (int i = lo; i < hi; i++) s += i;
            sum.addAndGet(s);
        });
        assertEquals((long) n * (n - 1) / 2, sum.get());
    }

    @Test
    void workerExceptionKeepsItsMessage() {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> Parallel.forRange(1 << 20, 1024, (lo, hi) -> {
                        if (hi == 1 << 20) throw new IndexOutOfBoundsException("gather: index 9 is out of range");
                    }));
            assertEquals("gather: index 9 is out of range", e.getMessage());
        } finally {
            Parallel.setThreads(before);
        }
    }
}
