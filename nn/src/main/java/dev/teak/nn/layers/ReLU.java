package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** {@code max(x, 0)}. */
public final class ReLU extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return F.relu(x); }
}
