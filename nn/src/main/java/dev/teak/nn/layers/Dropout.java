package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.random.Generator;

/**
 * Inverted dropout: in training, zeroes each element with probability {@code p} and scales the
 * rest by {@code 1/(1-p)}; the identity in evaluation. Masks come from the Philox
 * {@link Generator} given (shared with the model or owned), so a seed replays them.
 */
public final class Dropout extends UnaryModule {
    private final double p;
    private final Generator gen;

    public Dropout(double p, Generator gen) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: probability must lie in [0, 1), got " + p);
        this.p = p;
        this.gen = gen;
    }

    @Override
    public Tensor forward(Tensor x) { return F.dropout(x, p, isTraining(), gen); }
}
