package dev.teak.nn.functional;

/** How a loss combines per-element values (PyTorch's {@code reduction} argument). */
public enum Reduction {
    /** The average (for weighted cross-entropy/NLL: divided by the sum of the target weights). */
    MEAN,
    /** The sum. */
    SUM,
    /** Per-element values, unreduced. */
    NONE
}
