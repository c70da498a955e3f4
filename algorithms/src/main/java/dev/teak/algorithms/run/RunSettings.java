package dev.teak.algorithms.run;

import dev.teak.tensor.Device;
import java.io.PrintStream;

/**
 * Everything the CLI decided for one run before it starts: the method and its checked option
 * values, the common options, and where and how to show progress.
 *
 * @param console where progress and notes go (standard error for the CLI)
 * @param terminal whether {@code console} is a terminal: a redrawn bar if so, plain lines if not
 * @param plainIntervalMillis least time between two plain progress lines
 */
public record RunSettings(String method, OptionValues options, long seed, Device device, int threads,
                          boolean quiet, PrintStream console, boolean terminal, long plainIntervalMillis) {
}
