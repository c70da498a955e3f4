package dev.teak.nn.optim;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.tensor.NdArray;
import java.util.List;

/** Gradient clipping ({@code torch.nn.utils.clip_grad_norm_} / {@code clip_grad_value_}), in place on {@code .grad}. */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients by {@code maxNorm / (total + 1e-6)} when their joint 2-norm
     * {@code total = sqrt(sum ||g||^2)} exceeds {@code maxNorm}; returns {@code total} (before clipping).
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGradNorm: maxNorm must be positive, got " + maxNorm);
        double sq = 0;
        for (Parameter p : params) if (p.grad() != null) sq += p.grad().data().to(dev.teak.tensor.DType.FLOAT64).square().sum().item();
        double total = Math.sqrt(sq);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            try (GradMode.Guard g = GradMode.noGrad()) {
                for (Parameter p : params) if (p.grad() != null) p.grad().mulInPlace(coef);
            }
        }
        return total;
    }

    /** Clamps every gradient element to {@code [-clip, clip]}. */
    public static void clipGradValue(List<Parameter> params, double clip) {
        if (!(clip >= 0)) throw new IllegalArgumentException("clipGradValue: clip must be >= 0, got " + clip);
        try (GradMode.Guard g = GradMode.noGrad()) {
            for (Parameter p : params) {
                if (p.grad() == null) continue;
                NdArray a = p.grad().data();
                p.grad().copyFrom(new Tensor(a.maximum(NdArray.scalar(-clip, a.dtype())).minimum(NdArray.scalar(clip, a.dtype()))));
            }
        }
    }
}
