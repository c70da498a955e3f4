package dev.teak.nn.functional;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/** Layer norm (one autograd node, {@code Tensor.layerNorm}), batch norm and dropout (differentiable composites); {@link F} re-exports them. */
public final class Normalization {
    private Normalization() {}

    /**
     * Layer normalisation over the last {@code dims} axes (Ba et al. 2016, eq. 4):
     * {@code (x - mean) / sqrt(var + eps) * weight + bias}, with the biased variance;
     * weight and bias may be null.
     */
    public static Tensor layerNorm(Tensor x, int dims, Tensor weight, Tensor bias, double eps) {
        return Tensor.layerNorm(x, dims, weight, bias, eps);
    }

    /**
     * Batch normalisation over every axis but the channel axis 1 (Ioffe and Szegedy 2015,
     * Alg. 1). In training the batch's mean and biased variance normalise, and the running
     * statistics (if given) move by {@code momentum} toward the batch mean and the unbiased
     * variance, as in PyTorch; in evaluation the running statistics normalise.
     */
    public static Tensor batchNorm(Tensor x, NdArray[] running, Tensor weight, Tensor bias, boolean training,
                                   double momentum, double eps) {
        if (x.dim() < 2) throw new IllegalArgumentException("batchNorm: expected input [N, C, ...], got " + Shape.str(x.shape()));
        int c = x.size(1);
        int[] axes = new int[x.dim() - 1];
        axes[0] = 0;
        for (int i = 2; i < x.dim(); i++) axes[i - 1] = i;
        int[] chanShape = new int[x.dim()];
        java.util.Arrays.fill(chanShape, 1);
        chanShape[1] = c;
        Tensor y;
        if (training) {
            int count = x.numel() / c;
            if (count < 2) {
                throw new IllegalArgumentException("batchNorm: training needs more than one value per channel, got input "
                        + Shape.str(x.shape()));
            }
            Tensor mean = x.mean(axes, true);
            Tensor centred = x.sub(mean);
            Tensor var = centred.square().mean(axes, true);
            y = centred.div(var.add(eps).sqrt());
            if (running != null) {
                try (GradMode.Guard g = GradMode.noGrad()) {
                    NdArray m = mean.data().reshape(c), v = var.data().reshape(c).mul((double) count / (count - 1));
                    running[0] = running[0].mul(1 - momentum).add(m.to(running[0].dtype()).mul(momentum));
                    running[1] = running[1].mul(1 - momentum).add(v.to(running[1].dtype()).mul(momentum));
                }
            }
        } else {
            if (running == null) throw new IllegalArgumentException("batchNorm: evaluation mode needs running statistics");
            Tensor mean = new Tensor(running[0].to(x.dtype()).reshape(chanShape));
            Tensor var = new Tensor(running[1].to(x.dtype()).reshape(chanShape));
            y = x.sub(mean).div(var.add(eps).sqrt());
        }
        if (weight != null) y = y.mul(weight.reshape(chanShape));
        if (bias != null) y = y.add(bias.reshape(chanShape));
        return y;
    }

    /**
     * Inverted dropout: in training each element is kept with probability {@code 1 - p} (a
     * Philox-seeded mask from {@code gen}) and scaled by {@code 1 / (1 - p)}, so evaluation is
     * the identity.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout: probability must lie in [0, 1), got " + p);
        if (!training || p == 0) return x;
        NdArray keep = gen.bernoulli(1 - p, x.shape()).to(x.dtype()).to(x.data().device());
        return x.mul(new Tensor(keep)).mul(1 / (1 - p));
    }

    /** {@code x / max(||x||_2, eps)} along {@code axis} (F.normalize). */
    public static Tensor normalize(Tensor x, int axis, double eps) {
        Tensor norm = x.square().sum(axis, true).sqrt();
        return x.div(norm.clamp(eps, Double.POSITIVE_INFINITY));
    }
}
