package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * 2-D convolution {@code [N, Cin, H, W] -> [N, Cout, H', W']} with a square kernel (PyTorch's
 * {@code nn.Conv2d}); weights and bias from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))},
 * {@code fanIn = Cin k^2}.
 */
public final class Conv2d extends UnaryModule {
    public final Parameter weight;
    public final Parameter bias;
    private final int stride, padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, Generator gen) {
        this.stride = stride;
        this.padding = padding;
        double bound = 1 / Math.sqrt(in * kernel * kernel);
        weight = parameter("weight", NdArray.zeros(out, in, kernel, kernel));
        Init.uniform(weight, -bound, bound, gen);
        if (bias) {
            this.bias = parameter("bias", NdArray.zeros(out));
            Init.uniform(this.bias, -bound, bound, gen);
        } else {
            this.bias = null;
        }
    }

    @Override
    public Tensor forward(Tensor x) { return F.conv2d(x, weight.get(), bias == null ? null : bias.get(), stride, padding); }
}
