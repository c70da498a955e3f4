package dev.teak.algorithms.lds;

/**
 * The inner stopping rule of the reference code ({@code io_params = (0.001, 20, 400)}; spec,
 * Algorithm step 7): stop when the loss has not fallen below {@code (1 - rel)} times its best
 * value for {@code window} consecutive steps, or after {@code maxSteps} steps.
 */
public final class MinDecrease {
    private final double rel;
    private final int window, maxSteps;
    private double best = Double.POSITIVE_INFINITY;
    private int steps, since;

    public MinDecrease(double rel, int window, int maxSteps) {
        if (!(rel >= 0) || window < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("MinDecrease: need rel >= 0, window >= 1, maxSteps >= 1; got " + rel + ", " + window + ", " + maxSteps);
        }
        this.rel = rel;
        this.window = window;
        this.maxSteps = maxSteps;
    }

    /** Records one step's loss; returns true when the inner problem should stop now. */
    public boolean update(double loss) {
        steps++;
        if (loss < best * (1 - rel) || best == Double.POSITIVE_INFINITY) {
            best = loss;
            since = 0;
        } else {
            since++;
        }
        return since >= window || steps >= maxSteps;
    }

    public int steps() { return steps; }
}
