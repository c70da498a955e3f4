package dev.teak.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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

    private static volatile ForkJoinPool pool = newPool(defaultThreads());

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

    private static ForkJoinPool newPool(int n) { return new ForkJoinPool(n); }

    public static int threads() { return pool.getParallelism(); }

    /** Replaces the pool (the old one finishes its tasks). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        if (n == threads()) return;
        ForkJoinPool old = pool;
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
     * Runs the split and rethrows the first failure of a worker as it was thrown: the pool's
     * own rethrow wraps it in a copy that can lose the message.
     */
    private static void invoke(RangeBody body, int n, int size) {
        java.util.concurrent.atomic.AtomicReference<Throwable> first = new java.util.concurrent.atomic.AtomicReference<>();
        RangeBody guarded = (lo, hi) -> {
            try {
                body.run(lo, hi);
            } catch (RuntimeException | Error e) {
                first.compareAndSet(null, e);
            }
        };
        pool.invoke(new Split(guarded, 0, n, size));
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

    private static final class Split extends RecursiveAction {
        final RangeBody body; final int lo, hi, size;

        Split(RangeBody body, int lo, int hi, int size) { this.body = body; this.lo = lo; this.hi = hi; this.size = size; }

        @Override protected void compute() {
            if (hi - lo <= size) { body.run(lo, hi); return; }
            int chunks = (hi - lo + size - 1) / size;
            int mid = lo + (chunks / 2) * size;
            invokeAll(new Split(body, lo, mid, size), new Split(body, mid, hi, size));
        }
    }
}
