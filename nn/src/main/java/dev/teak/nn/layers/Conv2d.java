package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.random.Generator;

/**
 * 2-D convolution {@code [N, Cin, H, W] -> [N, Cout, H', W']} with a square kernel (PyTorch's
 * {@code nn.Conv2d}); weights and bias from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))},
 * {@code fanIn = (Cin / groups) k^2}.
 */
public final class Conv2d extends UnaryModule {
    public final Parameter weight;
    public final Parameter bias;
    private final int stride, padding, dilation, groups;

    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias, Generator gen) {
        if (groups <= 0 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d: " + groups + " groups must divide the channels " + in + " -> " + out);
        }
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        double bound = 1 / Math.sqrt(in / groups * kernel * kernel);
        weight = uniformParameter("weight", bound, gen, out, in / groups, kernel, kernel);
        this.bias = bias ? uniformParameter("bias", bound, gen, out) : null;
    }

    /** One group, no dilation. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, Generator gen) {
        this(in, out, kernel, stride, padding, 1, 1, bias, gen);
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.conv2d(x, weight.get(), bias == null ? null : bias.get(), stride, padding, dilation, groups);
    }
}
