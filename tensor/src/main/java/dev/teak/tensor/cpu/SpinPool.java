package dev.teak.tensor.cpu;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Helper threads for {@link Parallel}: each spins for {@link #SPIN_NANOS} after its last piece
 * of work before it parks, as OpenMP's active wait and OpenBLAS's threads do. Waking a parked
 * thread costs tens of microseconds on a virtual machine (the idle vCPU must be woken), which a
 * 130 us product cannot afford: with a parking pool a 256^3 matmul on two threads kept its
 * second thread busy only 45 % of the time.
 *
 * <p>A job is a body that drains a shared chunk counter. The caller publishes it, runs it too,
 * then closes it and waits only for helpers that entered it: a helper that enters after the
 * last chunk was claimed finds nothing to do, so nobody ever waits for a thread the OS has not
 * scheduled. Jobs may nest (a chunk that runs a parallel loop publishes its own job).
 */
final class SpinPool {
    /** How long an idle helper keeps looking for work before it parks. */
    static final long SPIN_NANOS = 200_000;

    /** One parallel region: at most {@code limit} helpers may enter it while it is open. */
    static final class Job {
        final Runnable drain;
        final int limit;
        final AtomicInteger entered = new AtomicInteger(), active = new AtomicInteger();
        volatile boolean closed;

        Job(Runnable drain, int limit) { this.drain = drain; this.limit = limit; }

        /** Counts a helper in, unless the job is closed or has its helpers already. */
        boolean enter() {
            int e = entered.get();
            if (closed || e >= limit || !entered.compareAndSet(e, e + 1)) return false;
            active.incrementAndGet();
            if (closed) { active.decrementAndGet(); return false; }
            return true;
        }
    }

    private final ConcurrentLinkedQueue<Job> jobs = new ConcurrentLinkedQueue<>();
    private final Worker[] workers;
    private volatile boolean shutdown;

    SpinPool(int helpers) {
        workers = new Worker[helpers];
        for (int i = 0; i < helpers; i++) {
            workers[i] = new Worker("teak-cpu-" + (i + 1));
            workers[i].start();
        }
    }

    int helpers() { return workers.length; }

    /** Runs {@code job.drain} on the calling thread and on up to {@code job.limit} helpers; returns when all have finished. */
    void run(Job job) {
        jobs.add(job);
        for (Worker w : workers) if (w.parked) LockSupport.unpark(w);
        try {
            job.drain.run();
        } finally {
            job.closed = true;
            jobs.remove(job);
            // Helpers inside are finishing their last chunk: spin briefly, then yield the core in
            // case one of them is waiting for it (a machine with more runnable threads than cores).
            long t0 = System.nanoTime();
            while (job.active.get() > 0) {
                if (System.nanoTime() - t0 < 50_000) Thread.onSpinWait();
                else Thread.yield();
            }
        }
    }

    /** Lets the helpers exit once idle. */
    void shutdown() {
        shutdown = true;
        for (Worker w : workers) LockSupport.unpark(w);
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override public void run() {
            long idleSince = System.nanoTime();
            while (!shutdown) {
                if (help()) { idleSince = System.nanoTime(); continue; }
                if (System.nanoTime() - idleSince < SPIN_NANOS) { Thread.onSpinWait(); continue; }
                parked = true;
                if (jobs.isEmpty() && !shutdown) LockSupport.park(this); // run() unparks after publishing
                parked = false;
                idleSince = System.nanoTime();
            }
        }

        /** Enters the first open job with room for a helper and drains it; false when there was none. */
        private boolean help() {
            if (jobs.isEmpty()) return false;   // the common case while spinning: no iterator to allocate
            for (Job j : jobs) {
                if (j.enter()) {
                    try {
                        j.drain.run();
                    } finally {
                        j.active.decrementAndGet();
                    }
                    return true;
                }
            }
            return false;
        }
    }
}
