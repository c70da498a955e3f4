package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** Flattens every axis after the batch axis: {@code [N, ...] -> [N, prod(...)]}. */
public final class Flatten extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return x.flatten(1, x.dim() - 1); }
}
