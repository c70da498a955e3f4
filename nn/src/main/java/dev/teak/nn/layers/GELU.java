package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** GELU in its exact erf form, {@code 0.5 x (1 + erf(x / sqrt 2))}. */
public final class GELU extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return F.gelu(x); }
}
