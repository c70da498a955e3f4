package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton's lecture 6e) with PyTorch's update: {@code g = grad + wd w};
 * {@code v = alpha v + (1 - alpha) g^2}; {@code d = g / (sqrt(v) + eps)}; with momentum
 * {@code b = mu b + d} and {@code w -= lr b}, otherwise {@code w -= lr d}.
 */
public final class RMSprop extends Optimizer {
    private final double alpha, eps, weightDecay, momentum;

    public RMSprop(List<Parameter> params, double lr, double alpha, double eps, double weightDecay, double momentum) {
        super(params, lr);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
    }

    /** PyTorch's defaults: alpha 0.99, eps 1e-8. */
    public RMSprop(List<Parameter> params, double lr) { this(params, lr, 0.99, 1e-8, 0, 0); }

    @Override
    protected Rule rule(Map<String, double[]> s, int n, long t) {
        double[] v = buffer(s, "square_avg", n);
        double[] b = momentum != 0 ? buffer(s, "momentum_buffer", n) : null;
        double lr = this.lr;
        return (w, g, lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                double d = g[j] + weightDecay * w[j];
                v[j] = alpha * v[j] + (1 - alpha) * d * d;
                double step = d / (Math.sqrt(v[j]) + eps);
                if (b != null) step = b[j] = momentum * b[j] + step;
                w[j] -= lr * step;
            }
        };
    }
}
