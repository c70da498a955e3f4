package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** {@code 1 / (1 + e^-x)}. */
public final class Sigmoid extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return F.sigmoid(x); }
}
