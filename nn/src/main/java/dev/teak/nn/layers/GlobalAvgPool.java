package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** Mean over all spatial axes: {@code [N, C, ...] -> [N, C]} (adaptive average pooling to size 1, flattened). */
public final class GlobalAvgPool extends UnaryModule {

    @Override
    public Tensor forward(Tensor x) { return F.globalAvgPool(x); }
}
