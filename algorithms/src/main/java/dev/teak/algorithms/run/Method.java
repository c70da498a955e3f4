package dev.teak.algorithms.run;

import java.util.List;

/**
 * A research method that {@code teak <name>} runs. Implementations are listed in
 * {@code META-INF/services/dev.teak.algorithms.run.Method} and found by {@link java.util.ServiceLoader},
 * so they need a public no-argument constructor.
 *
 * <p>The CLI parses and checks the declared {@link #options()} together with the common ones
 * ({@code --seed --device --threads --out --resume --quiet}), prepares the run folder and
 * calls {@link #run}. A resumable method follows one rule: for every unit of work (a step,
 * an epoch) it first logs that unit's metrics, then saves a checkpoint for it; on
 * {@code --resume} it continues after {@code ctx.checkpoint().latest()}.
 */
public interface Method {
    /** The command word, lower case: {@code teak <name>}. */
    String name();

    /** One line for {@code teak list}. */
    String description();

    /** The method's own options, with defaults; may be empty. */
    List<OptionSpec> options();

    /**
     * Does the work, writing metrics, checkpoints, plots and the summary through {@code ctx}.
     * Any exception ends the run with exit status 1; what was written stays valid.
     */
    void run(RunContext ctx) throws Exception;
}
