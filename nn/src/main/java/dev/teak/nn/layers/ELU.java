package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** {@code x} for {@code x > 0}, else {@code alpha (e^x - 1)}. */
public final class ELU extends UnaryModule {
    private final double alpha;

    public ELU(double alpha) { this.alpha = alpha; }

    public ELU() { this(1); }

    @Override
    public Tensor forward(Tensor x) { return F.elu(x, alpha); }
}
