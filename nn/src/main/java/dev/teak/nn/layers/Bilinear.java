package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
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
        weight = parameter("weight", NdArray.zeros(out, in1, in2));
        Init.uniform(weight, -bound, bound, gen);
        if (bias) {
            this.bias = parameter("bias", NdArray.zeros(out));
            Init.uniform(this.bias, -bound, bound, gen);
        } else {
            this.bias = null;
        }
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
