package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.OptionSpec;
import dev.teak.tensor.cpu.Parallel;
import java.util.List;

/** The options every method takes, declared like a method's own. */
final class CommonOptions {
    private CommonOptions() {}

    /** The pool size before any {@code --threads}: -Dteak.threads, TEAK_THREADS or the cores. */
    private static final int DEFAULT_THREADS = Parallel.threads();

    static final String SEED = "seed", DEVICE = "device", THREADS = "threads", OUT = "out", RESUME = "resume", QUIET = "quiet";

    /** {@code TEAK_DEVICE} when set, else {@code cpu}. */
    static String defaultDevice() {
        String env = System.getenv("TEAK_DEVICE");
        return env == null || env.isBlank() ? "cpu" : env.trim();
    }

    static List<OptionSpec> all() {
        return List.of(
                OptionSpec.longInteger(SEED, 0, "seed of every random generator of the run"),
                OptionSpec.text(DEVICE, defaultDevice(), "where arrays live: cpu or opencl[:index] (the default comes from TEAK_DEVICE, else cpu)")
                        .argName("DEVICE").matters(false),
                OptionSpec.integer(THREADS, DEFAULT_THREADS, "CPU threads (the default comes from -Dteak.threads, TEAK_THREADS or the core count)")
                        .range(1, 4096).matters(false),
                OptionSpec.text(OUT, null, "run folder; unset means runs/<method>-<yyyyMMdd-HHmmss>").argName("DIR").matters(false),
                OptionSpec.flag(RESUME, "continue the interrupted run in --out DIR from its last checkpoint").matters(false),
                OptionSpec.flag(QUIET, "print nothing but errors (no progress, no summary)").matters(false));
    }
}
