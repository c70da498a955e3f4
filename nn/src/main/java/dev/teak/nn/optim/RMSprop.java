package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import dev.teak.tensor.NdArray;
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
    protected NdArray update(NdArray w, NdArray g, Map<String, NdArray> s, long t) {
        if (weightDecay != 0) g = g.add(w.mul(weightDecay));
        NdArray v = buffer(s, "square_avg", w).mul(alpha).add(g.square().mul(1 - alpha));
        s.put("square_avg", v);
        NdArray d = g.div(v.sqrt().add(eps));
        if (momentum != 0) {
            d = buffer(s, "momentum_buffer", w).mul(momentum).add(d);
            s.put("momentum_buffer", d);
        }
        return w.sub(d.mul(lr));
    }
}
