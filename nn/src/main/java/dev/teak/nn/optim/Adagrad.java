package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi et al. 2011) with PyTorch's update: {@code g = grad + wd w};
 * {@code lr_t = lr / (1 + (t - 1) lrDecay)}; {@code s += g^2}; {@code w -= lr_t g / (sqrt(s) + eps)}.
 */
public final class Adagrad extends Optimizer {
    private final double lrDecay, weightDecay, eps;

    public Adagrad(List<Parameter> params, double lr, double lrDecay, double weightDecay, double eps) {
        super(params, lr);
        this.lrDecay = lrDecay;
        this.weightDecay = weightDecay;
        this.eps = eps;
    }

    /** PyTorch's defaults: no decay, eps 1e-10. */
    public Adagrad(List<Parameter> params, double lr) { this(params, lr, 0, 0, 1e-10); }

    @Override
    protected Rule rule(Map<String, double[]> s, int n, long t) {
        double clr = lr / (1 + (t - 1) * lrDecay);
        double[] sum = buffer(s, "sum", n);
        return (w, g, lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                double d = g[j] + weightDecay * w[j];
                sum[j] += d * d;
                w[j] -= clr * d / (Math.sqrt(sum[j]) + eps);
            }
        };
    }
}
