package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** {@code (1/beta) log(1 + e^(beta x))}, computed stably. */
public final class Softplus extends UnaryModule {
    private final double beta;

    public Softplus(double beta) { this.beta = beta; }

    public Softplus() { this(1); }

    @Override
    public Tensor forward(Tensor x) { return F.softplus(x, beta); }
}
