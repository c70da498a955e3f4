package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's update: {@code g = grad + wd w}; with momentum
 * {@code b = g} at the first step and {@code b = mu b + (1 - dampening) g} after; Nesterov uses
 * {@code g + mu b}, classical momentum uses {@code b}; then {@code w -= lr g}.
 */
public final class SGD extends Optimizer {
    private final double momentum, dampening, weightDecay;
    private final boolean nesterov;

    public SGD(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and zero dampening, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    public SGD(List<Parameter> params, double lr) { this(params, lr, 0, 0, 0, false); }

    public SGD(List<Parameter> params, double lr, double momentum) { this(params, lr, momentum, 0, 0, false); }

    @Override
    protected Rule rule(Map<String, double[]> s, int n, long t) {
        boolean first = !s.containsKey("momentum_buffer");
        double[] b = momentum != 0 ? buffer(s, "momentum_buffer", n) : null;
        double lr = this.lr;
        return (w, g, lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                double d = g[j] + weightDecay * w[j];
                if (b != null) {
                    b[j] = first ? d : momentum * b[j] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * b[j] : b[j];
                }
                w[j] -= lr * d;
            }
        };
    }
}
