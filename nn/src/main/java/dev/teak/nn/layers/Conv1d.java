package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.random.Generator;

/**
 * 1-D convolution {@code [N, Cin, L] -> [N, Cout, L']} (PyTorch's {@code nn.Conv1d}); weights
 * and bias from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, {@code fanIn = (Cin / groups) k}.
 */
public final class Conv1d extends UnaryModule {
    public final Parameter weight;
    public final Parameter bias;
    private final int stride, padding, dilation, groups;

    public Conv1d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias, Generator gen) {
        if (groups <= 0 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv1d: " + groups + " groups must divide the channels " + in + " -> " + out);
        }
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        double bound = 1 / Math.sqrt(in / groups * kernel);
        weight = uniformParameter("weight", bound, gen, out, in / groups, kernel);
        this.bias = bias ? uniformParameter("bias", bound, gen, out) : null;
    }

    /** One group. */
    public Conv1d(int in, int out, int kernel, int stride, int padding, int dilation, boolean bias, Generator gen) {
        this(in, out, kernel, stride, padding, dilation, 1, bias, gen);
    }

    @Override
    public Tensor forward(Tensor x) {
        return F.conv1d(x, weight.get(), bias == null ? null : bias.get(), stride, padding, dilation, groups);
    }
}
