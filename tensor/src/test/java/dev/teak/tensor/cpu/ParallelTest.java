package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The range loop covers every index exactly once (also nested, and from several calling threads
 * at once) and passes a worker's exception through unchanged.
 */
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
    void nestedLoopsAndConcurrentCallersCoverEveryIndexOnce() throws Exception {
        int before = Parallel.threads();
        Parallel.setThreads(3);
        try {
            int outer = 64, inner = 200_000;
            Runnable nested = () -> {
                AtomicLong sum = new AtomicLong();
                // each outer chunk runs a parallel loop of its own: the pool's helpers may be busy in the outer one
                Parallel.forRange(outer, 1, (lo, hi) -> {
                    for (int o = lo; o < hi; o++) {
                        final long base = (long) o * inner;
                        Parallel.forRange(inner, 1000, (a, b) -> {
                            long s = 0;
                            for (int i = a; i < b; i++) s += base + i;
                            sum.addAndGet(s);
                        });
                    }
                });
                long n = (long) outer * inner;
                assertEquals(n * (n - 1) / 2, sum.get());
            };
            Thread[] callers = new Thread[3];
            Throwable[] failures = new Throwable[callers.length];
            for (int t = 0; t < callers.length; t++) {
                final int k = t;
                callers[t] = new Thread(() -> {
                    try {
                        nested.run();
                    } catch (Throwable e) {
                        failures[k] = e;
                    }
                });
                callers[t].start();
            }
            nested.run();
            for (Thread c : callers) {
                c.join(60_000);
                assertFalse(c.isAlive(), "a concurrent caller is still running after 60 s");
            }
            for (Throwable f : failures) if (f != null) throw new AssertionError("a concurrent caller failed", f);
        } finally {
            Parallel.setThreads(before);
        }
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
