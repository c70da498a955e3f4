package dev.teak.algorithms.run;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A redrawn progress bar with rate and ETA, for a terminal only (it redraws with carriage
 * returns, which litters a log file; {@link PlainProgress} serves the rest). Drawn by
 * me.tongfei:progressbar on its own thread.
 */
public final class TerminalProgress implements Progress {
    private final ProgressBar bar;

    public TerminalProgress(PrintStream out, String label, long initial, long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .startsFrom(initial, Duration.ZERO)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .showSpeed()
                .setUnit(" it", 1)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override public void step(long n) { bar.stepBy(n); }

    @Override public void message(String text) { bar.setExtraMessage(text == null || text.isEmpty() ? "" : " " + text); }

    @Override public void close() { bar.close(); }
}
