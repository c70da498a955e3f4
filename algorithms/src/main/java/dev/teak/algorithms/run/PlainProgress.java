package dev.teak.algorithms.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for output that is not a terminal (a log file, a pipe, CI): no
 * carriage returns and no escape codes, one line at most every {@code interval}, and a last line
 * on close, e.g. {@code fit: 120/400 (30%), 41.2 it/s, eta 0:00:06, loss 0.0132}.
 *
 * <p>The rate counts only the units done in this process (a resumed run starts at its
 * checkpoint), so ETA = remaining / rate stays honest after {@code --resume}.
 */
public final class PlainProgress implements Progress {
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startCount;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private long count;
    private long lastPrint;
    private String message = "";
    private boolean closed;

    /**
     * @param initial units already done (the resumed step)
     * @param intervalNanos least time between two lines
     * @param clock a nanosecond clock ({@code System::nanoTime}; tests pass their own)
     */
    public PlainProgress(PrintStream out, String label, long initial, long total, long intervalNanos, LongSupplier clock) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.startCount = initial;
        this.count = initial;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastPrint = startNanos;
    }

    @Override public synchronized void step(long n) {
        count += n;
        long now = clock.getAsLong();
        if (now - lastPrint >= intervalNanos) {
            lastPrint = now;
            out.println(line(now));
        }
    }

    @Override public synchronized void message(String text) { message = text == null ? "" : text; }

    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        out.println(line(clock.getAsLong()));
    }

    /** The line shown at time {@code now}: count, percentage, rate since start, ETA, message. */
    synchronized String line(long now) {
        StringBuilder sb = new StringBuilder(label).append(": ").append(count);
        if (total > 0) sb.append('/').append(total).append(String.format(Locale.ROOT, " (%d%%)", count * 100 / total));
        double seconds = (now - startNanos) / 1e9;
        long done = count - startCount;
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            sb.append(String.format(Locale.ROOT, rate >= 10 ? ", %.0f it/s" : ", %.2f it/s", rate));
            if (total > 0 && count < total) sb.append(", eta ").append(clockTime((total - count) / rate));
        }
        sb.append(", elapsed ").append(clockTime(seconds));
        if (!message.isEmpty()) sb.append(", ").append(message);
        return sb.toString();
    }

    /** {@code h:mm:ss}. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
