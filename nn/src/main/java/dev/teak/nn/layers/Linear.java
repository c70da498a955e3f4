package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.random.Generator;

/**
 * {@code y = x W^T + b} for {@code x [..., in]} (PyTorch's {@code nn.Linear}). Initialised as
 * PyTorch does: {@code W, b ~ U(-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear extends UnaryModule {
    public final Parameter weight;
    public final Parameter bias;
    private final int in, out;

    public Linear(int in, int out, boolean bias, Generator gen) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear: sizes must be positive, got " + in + " -> " + out);
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        weight = uniformParameter("weight", bound, gen, out, in);
        this.bias = bias ? uniformParameter("bias", bound, gen, out) : null;
    }

    public Linear(int in, int out, Generator gen) { this(in, out, true, gen); }

    @Override
    public Tensor forward(Tensor x) {
        if (x.size(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + " -> " + out + "): input " + dev.teak.tensor.Shape.str(x.shape())
                    + " should end in " + in);
        }
        return F.linear(x, weight.get(), bias == null ? null : bias.get());
    }

    @Override
    public String toString() { return "Linear(" + in + " -> " + out + (bias == null ? ", no bias)" : ")"); }
}
