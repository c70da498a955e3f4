package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import dev.teak.tensor.NdArray;
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
    protected NdArray update(NdArray w, NdArray g, Map<String, NdArray> s, long t) {
        if (weightDecay != 0) g = g.add(w.mul(weightDecay));
        if (momentum != 0) {
            NdArray b = s.containsKey("momentum_buffer") ? s.get("momentum_buffer").mul(momentum).add(g.mul(1 - dampening)) : g.copy();
            s.put("momentum_buffer", b);
            g = nesterov ? g.add(b.mul(momentum)) : b;
        }
        return w.sub(g.mul(lr));
    }
}
