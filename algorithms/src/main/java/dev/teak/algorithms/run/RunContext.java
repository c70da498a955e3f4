package dev.teak.algorithms.run;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backends;
import dev.teak.tensor.Device;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link Method} gets for one run: its option values, the seed and device, the output
 * folder, and the writers of that folder: {@link #metrics()} ({@code metrics.jsonl}),
 * {@link #checkpoint()} (for {@code --resume}), {@link #plots()} (PNG charts),
 * {@link #writeSummary} ({@code summary.json}) and {@link #progress} (bar, lines or nothing).
 * Made by {@link RunFolder}; the CLI closes it after the run.
 */
public final class RunContext implements Closeable {
    public static final String SUMMARY = "summary.json";

    private final RunSettings settings;
    private final Path dir;
    private final boolean resumed;
    private final MetricsLog metrics;
    private final Checkpoint checkpoint;
    private final Plots plots;

    RunContext(RunSettings settings, Path dir, boolean resumed, MetricsLog metrics, Checkpoint checkpoint) {
        this.settings = settings;
        this.dir = dir;
        this.resumed = resumed;
        this.metrics = metrics;
        this.checkpoint = checkpoint;
        this.plots = new Plots(dir, metrics.file());
    }

    public String methodName() { return settings.method(); }

    /** The method's own option values (defaults filled in; on resume, the run's stored values). */
    public OptionValues options() { return settings.options(); }

    /** {@code --seed}: seed every random generator of the run from it. */
    public long seed() { return settings.seed(); }

    /** {@code --device}, already checked to exist. */
    public Device device() { return settings.device(); }

    /** The backend of {@link #device()}. */
    public Backend backend() { return Backends.get(settings.device()); }

    /** {@code --threads}, already applied to the CPU pool. */
    public int threads() { return settings.threads(); }

    /** The run folder ({@code --out}, or {@code runs/<method>-<time>}). */
    public Path outDir() { return dir; }

    /** Whether this run continues an earlier one ({@code --resume}). */
    public boolean resumed() { return resumed; }

    public boolean quiet() { return settings.quiet(); }

    public MetricsLog metrics() { return metrics; }

    public Checkpoint checkpoint() { return checkpoint; }

    public Plots plots() { return plots; }

    /**
     * Progress of a loop over {@code [initial, total)} units (pass the resumed step as
     * {@code initial}): a bar on a terminal, plain lines otherwise, nothing under {@code --quiet}.
     */
    public Progress progress(String label, long initial, long total) {
        if (settings.quiet()) return Progress.SILENT;
        if (settings.terminal()) return new TerminalProgress(settings.console(), label, initial, total);
        return new PlainProgress(settings.console(), label, initial, total, settings.plainIntervalMillis() * 1_000_000L, System::nanoTime);
    }

    /** A note for the person running the method (not shown under {@code --quiet}). */
    public void note(String text) {
        if (!settings.quiet()) settings.console().println(settings.method() + ": " + text);
    }

    /** Writes {@code summary.json} (the final figures), replacing it atomically; marks the run complete. */
    public void writeSummary(Map<String, ?> summary) throws IOException {
        Json.writeAtomic(dir.resolve(SUMMARY), summary);
    }

    @Override public void close() throws IOException { metrics.close(); }
}
