package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import dev.teak.tensor.NdArray;
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
    protected NdArray update(NdArray w, NdArray g, Map<String, NdArray> s, long t) {
        if (weightDecay != 0) g = g.add(w.mul(weightDecay));
        double clr = lr / (1 + (t - 1) * lrDecay);
        NdArray sum = buffer(s, "sum", w).add(g.square());
        s.put("sum", sum);
        return w.sub(g.div(sum.sqrt().add(eps)).mul(clr));
    }
}
