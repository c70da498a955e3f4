package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** Hyperbolic tangent. */
public final class Tanh extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return F.tanh(x); }
}
