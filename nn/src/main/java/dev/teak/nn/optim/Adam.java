package dev.teak.nn.optim;

import dev.teak.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015, Alg. 1) and, with {@code decoupled}, AdamW (Loshchilov and Hutter
 * 2019, Alg. 2):
 * <pre>
 *   g = grad (+ wd w for Adam's L2 penalty);   w *= 1 - lr wd for AdamW
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 */
public class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private boolean fused;

    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8, no weight decay). */
    public Adam(List<Parameter> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0, false); }

    @Override
    protected Rule rule(Map<String, double[]> s, int n, long t) {
        double[] m = buffer(s, "exp_avg", n), v = buffer(s, "exp_avg_sq", n);
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t), lr = this.lr, shrink = shrink(), l2 = l2();
        return (w, g, lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                w[j] *= shrink;
                double d = g[j] + l2 * w[j];
                m[j] = beta1 * m[j] + (1 - beta1) * d;
                v[j] = beta2 * v[j] + (1 - beta2) * d * d;
                w[j] -= lr * (m[j] / c1) / (Math.sqrt(v[j] / c2) + eps);
            }
        };
    }

    /** The factor AdamW shrinks the weights by before the step (1 for Adam). */
    private double shrink() { return decoupled ? 1 - lr * weightDecay : 1; }

    /** The L2 penalty Adam adds to the gradient (0 for AdamW, whose decay is the shrink). */
    private double l2() { return decoupled ? 0 : weightDecay; }

    /**
     * Like PyTorch's {@code fused=True}: float32 parameters on the CPU are then updated in float32
     * arithmetic, with float32 moments, in one vector pass ({@link AdamKernel}), as PyTorch's
     * default CPU Adam computes too; it is several times faster than the default, which applies
     * the float64 rule to the widened weights and rounds once. Other parameters keep the float64
     * rule. Choose before the first step.
     */
    public Adam fused(boolean on) {
        if (started() && on != fused) throw new IllegalStateException(getClass().getSimpleName() + ".fused: set it before the first step");
        fused = on;
        return this;
    }

    @Override
    protected FloatRule floatRule(Map<String, float[]> s, int n, long t) {
        if (!fused) return null;
        float[] m = floatBuffer(s, "exp_avg", n), v = floatBuffer(s, "exp_avg_sq", n);
        float b1 = (float) beta1, ob1 = (float) (1 - beta1), b2 = (float) beta2, ob2 = (float) (1 - beta2), e = (float) eps;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t))), bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float shrink = (float) shrink(), l2 = (float) l2();
        return (w, wo, g, go, lo, hi) -> AdamKernel.step(w, wo, g, go, m, v, lo, hi, b1, ob1, b2, ob2, stepSize, bc2Sqrt, e, shrink, l2);
    }
}
