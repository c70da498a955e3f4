package dev.teak.algorithms.lds;

import dev.teak.tensor.DType;

/**
 * The settings of one LDS (or baseline) training run; the defaults are the reference code's
 * (spec, "Hyperparameters"): hidden 16, dropout 0.5, L2 5e-4 on the first layer, inner Adam at
 * 0.02 (fixed here: the code also tunes it by hypergradient, a simplification the spec allows),
 * min-decrease inner stopping (0.1 %, 20 steps, at most 400), outer SGD with
 * {@code eta_t = eta0 / (1 + 1e-3 t)}, early-stopping patience 20, S = 16 samples.
 *
 * @param learnGraph        false for the baselines: theta stays fixed and no hypergradient is taken
 * @param tau               inner steps per hypergradient (the truncation length)
 * @param outerLr           eta0 of the projected outer SGD on theta
 * @param outerDecay        inverse-time decay rate of eta
 * @param minDecrease       relative drop of the inner loss that counts as progress
 * @param minDecreaseWindow inner steps without progress that end the inner problem
 * @param maxInnerSteps     hard cap on inner steps per outer epoch
 * @param patience          outer epochs without a better early-stopping accuracy that end training
 * @param maxEpochs         hard cap on outer epochs
 * @param samples           S, graphs averaged by the expected-output prediction
 */
public record LdsConfig(boolean learnGraph, int hidden, double dropout, double weightDecay, double innerLr,
                        int tau, double outerLr, double outerDecay, double minDecrease, int minDecreaseWindow,
                        int maxInnerSteps, int patience, int maxEpochs, int samples, DType dtype) {

    public LdsConfig {
        if (tau < 1) throw new IllegalArgumentException("LdsConfig: tau must be >= 1, got " + tau);
        if (samples < 1) throw new IllegalArgumentException("LdsConfig: samples must be >= 1, got " + samples);
        if (maxInnerSteps < 1 || maxEpochs < 1) {
            throw new IllegalArgumentException("LdsConfig: maxInnerSteps and maxEpochs must be >= 1, got " + maxInnerSteps + ", " + maxEpochs);
        }
    }

    /** The reference settings with the given truncation and outer learning rate. */
    public static LdsConfig defaults(boolean learnGraph, int tau, double outerLr) {
        return new LdsConfig(learnGraph, 16, 0.5, 5e-4, 0.02, tau, outerLr, 1e-3, 1e-3, 20, 400, 20, 200, 16, DType.FLOAT32);
    }

    public LdsConfig withLearnGraph(boolean on) {
        return new LdsConfig(on, hidden, dropout, weightDecay, innerLr, tau, outerLr, outerDecay, minDecrease,
                minDecreaseWindow, maxInnerSteps, patience, maxEpochs, samples, dtype);
    }

    public LdsConfig withBudget(int maxInner, int patience, int maxEpochs) {
        return new LdsConfig(learnGraph, hidden, dropout, weightDecay, innerLr, tau, outerLr, outerDecay, minDecrease,
                minDecreaseWindow, maxInner, patience, maxEpochs, samples, dtype);
    }

    public LdsConfig withInner(double innerLr, int hidden, double dropout, double weightDecay) {
        return new LdsConfig(learnGraph, hidden, dropout, weightDecay, innerLr, tau, outerLr, outerDecay, minDecrease,
                minDecreaseWindow, maxInnerSteps, patience, maxEpochs, samples, dtype);
    }

    public LdsConfig withSamples(int s) {
        return new LdsConfig(learnGraph, hidden, dropout, weightDecay, innerLr, tau, outerLr, outerDecay, minDecrease,
                minDecreaseWindow, maxInnerSteps, patience, maxEpochs, s, dtype);
    }

    public LdsConfig withDtype(DType d) {
        return new LdsConfig(learnGraph, hidden, dropout, weightDecay, innerLr, tau, outerLr, outerDecay, minDecrease,
                minDecreaseWindow, maxInnerSteps, patience, maxEpochs, samples, d);
    }
}
