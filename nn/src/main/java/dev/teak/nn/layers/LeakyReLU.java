package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** {@code x} for {@code x > 0}, else {@code slope x}. */
public final class LeakyReLU extends UnaryModule {
    private final double slope;

    public LeakyReLU(double slope) { this.slope = slope; }

    public LeakyReLU() { this(0.01); }

    @Override
    public Tensor forward(Tensor x) { return F.leakyRelu(x, slope); }
}
