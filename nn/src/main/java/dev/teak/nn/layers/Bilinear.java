package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * {@code y_k = x1^T W_k x2 + b_k} (PyTorch's {@code nn.Bilinear}) for {@code x1 [N, in1]},
 * {@code x2 [N, in2]}; weights {@code [out, in1, in2]} and bias drawn from {@code U(-1/sqrt(in1), 1/sqrt(in1))}.
 */
public final class Bilinear extends Module {
    public final Parameter weight;
    public final Parameter bias;

    public Bilinear(int in1, int in2, int out, boolean bias, Generator gen) {
        double bound = 1 / Math.sqrt(in1);
        weight = uniformParameter("weight", bound, gen, out, in1, in2);
        this.bias = bias ? uniformParameter("bias", bound, gen, out) : null;
    }

    public Tensor forward(Tensor x1, Tensor x2) {
        int[] w = weight.shape();
        if (x1.dim() != 2 || x2.dim() != 2 || x1.size(0) != x2.size(0) || x1.size(1) != w[1] || x2.size(1) != w[2]) {
            throw new IllegalArgumentException("Bilinear: inputs " + Shape.str(x1.shape()) + " and " + Shape.str(x2.shape())
                    + " do not fit weight " + Shape.str(w) + " (expected [N, " + w[1] + "] and [N, " + w[2] + "])");
        }
        return F.bilinear(x1, x2, weight.get(), bias == null ? null : bias.get());
    }
}
