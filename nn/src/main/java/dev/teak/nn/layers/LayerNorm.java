package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/** Layer normalisation over the trailing {@code normalizedShape} with a learned scale (ones) and shift (zeros). */
public final class LayerNorm extends UnaryModule {
    public final Parameter weight, bias;
    private final int[] normalizedShape;
    private final double eps;

    public LayerNorm(double eps, int... normalizedShape) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        weight = parameter("weight", NdArray.ones(normalizedShape));
        bias = parameter("bias", NdArray.zeros(normalizedShape));
    }

    public LayerNorm(int... normalizedShape) { this(1e-5, normalizedShape); }

    @Override
    public Tensor forward(Tensor x) {
        int k = normalizedShape.length;
        if (x.dim() < k || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(x.shape(), x.dim() - k, x.dim()), normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm" + Shape.str(normalizedShape) + ": input " + Shape.str(x.shape())
                    + " does not end in the normalised shape");
        }
        return F.layerNorm(x, k, weight.get(), bias.get(), eps);
    }
}
