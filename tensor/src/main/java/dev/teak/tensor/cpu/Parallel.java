package dev.teak.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CPU thread pool and a range-splitting loop. The thread count comes from
 * {@code -Dteak.threads}, then {@code TEAK_THREADS}, then the number of cores, and can be
 * changed with {@link #setThreads}. Work is split into chunks whose boundaries never depend on
 * timing, so callers that combine per-chunk results in order stay deterministic.
 */
public final class Parallel {
    private Parallel() {}

    /** Per-element work below which a loop stays on the calling thread. */
    public static final int GRAIN = 1 << 15;

    private static volatile SpinPool pool = newPool(defaultThreads());

    /** A body over the half-open range {@code [lo, hi)}. */
    @FunctionalInterface
    public interface RangeBody { void run(int lo, int hi); }

    static int defaultThreads() {
        String s = System.getProperty("teak.threads", System.getenv("TEAK_THREADS"));
        if (s != null && !s.isBlank()) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException ignored) {
                // fall through to the core count; the CLI validates its own --threads
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The calling thread works too, so {@code n} threads need {@code n - 1} helpers. */
    private static SpinPool newPool(int n) { return new SpinPool(n - 1); }

    public static int threads() { return pool.helpers() + 1; }

    /** Replaces the pool (the old one finishes its tasks). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        if (n == threads()) return;
        SpinPool old = pool;
        pool = newPool(n);
        old.shutdown();
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into chunks of at least {@code grain} items,
     * in parallel when there is more than one chunk and more than one thread.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int threads = threads();
        if (n <= grain || threads == 1) {
            if (n > 0) body.run(0, n);
            return;
        }
        int chunks = (int) Math.min((long) threads * 4, (n + (long) grain - 1) / grain);
        int size = (n + chunks - 1) / chunks;
        invoke(body, n, size);
    }

    /**
     * Runs chunks {@code [c size, min(n, (c+1) size))} with the calling thread taking part: the
     * caller and up to {@code threads - 1} helpers of the {@link SpinPool} claim chunk numbers
     * from one counter until none are left. The caller waits only for helpers that entered
     * before the chunks ran out, so on a machine with more runnable threads than cores an op
     * never sits waiting for a worker to be scheduled (waiting for both workers while the
     * caller idled made a 1e6-element add take milliseconds at load 20 on 2 cores). Chunk
     * boundaries depend only on {@code n} and {@code size}, never on timing. The first failure of
     * any chunk is rethrown as it was thrown.
     */
    private static void invoke(RangeBody body, int n, int size) {
        int chunks = (int) ((n + (long) size - 1) / size);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        Runnable drain = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                int lo = (int) ((long) c * size), hi = (int) Math.min(n, (long) lo + size);
                try {
                    body.run(lo, hi);
                } catch (RuntimeException | Error e) {
                    first.compareAndSet(null, e);
                }
            }
        };
        SpinPool p = pool;
        p.run(new SpinPool.Job(drain, Math.min(p.helpers(), chunks - 1)));
        Throwable t = first.get();
        if (t instanceof RuntimeException) throw (RuntimeException) t;
        if (t instanceof Error) throw (Error) t;
    }

    /** Runs {@code count} independent tasks {@code body.run(i, i + 1)} in parallel. */
    public static void forEach(int count, RangeBody body) {
        if (count <= 1 || threads() == 1) {
            for (int i = 0; i < count; i++) body.run(i, i + 1);
            return;
        }
        invoke(body, count, 1);
    }
}
