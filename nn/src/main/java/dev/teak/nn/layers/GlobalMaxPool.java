package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** Maximum over all spatial axes: {@code [N, C, ...] -> [N, C]}. */
public final class GlobalMaxPool extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return F.globalMaxPool(x); }
}
