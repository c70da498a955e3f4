package dev.teak.algorithms.lds;

import dev.teak.autograd.Tensor;
import dev.teak.nn.optim.FunctionalOptimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam for the LDS inner problem, in the form that the reference hypergradient code (FAR-HO)
 * differentiates (spec, Algorithm step 3):
 *
 * <pre>
 *   m_t = b1 m + (1 - b1) g,   v_t = b2 v + (1 - b2) g^2
 *   w'  = w - lr_t m_t / sqrt(v_t + eps^2),   lr_t = lr sqrt(1 - b2^t) / (1 - b1^t),   eps = 1e-5
 * </pre>
 *
 * which is Adam with the bias-corrected {@code eps^2 / (1 - b2^t)} inside the square root.
 *
 * <p>Why not the textbook form {@code m^ / (sqrt(v^) + eps)} with eps = 1e-8
 * ({@link dev.teak.nn.optim.DifferentiableAdam}, as PyTorch): its update is about
 * {@code g / (|g| + eps)} in the first steps, whose derivative with respect to g is
 * {@code eps / (|g| + eps)^2}, up to {@code 1 / eps = 1e8} for a gradient entry near 0. The
 * hypergradient multiplies by that derivative, so one nearly-zero gradient entry early in an
 * outer epoch (fresh weights, empty moments) produced hypergradients 100 times their usual size
 * on Digits, and a single outer step then added hundreds of random edges. Here the derivative
 * is at most {@code lr_t (1 - b1) / eps} (at g = 0), e.g. {@code lr sqrt(1 - b2) / eps} at t = 1.
 */
public final class InnerAdam implements FunctionalOptimizer {
    /** FAR-HO's default epsilon, raised from 1e-8 for the stability of the hypergradient. */
    public static final double EPS = 1e-5;

    private final Tensor lr;
    private final double beta1, beta2, eps;
    private List<Tensor> m, v;
    private int t;

    public InnerAdam(Tensor lr, double beta1, double beta2, double eps) {
        if (!(eps > 0)) throw new IllegalArgumentException("InnerAdam: eps must be > 0, got " + eps);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("InnerAdam: betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** b1 = 0.9, b2 = 0.999, eps = 1e-5. */
    public InnerAdam(Tensor lr) { this(lr, 0.9, 0.999, EPS); }

    @Override
    public List<Tensor> step(List<Tensor> params, List<Tensor> grads) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException("InnerAdam.step: " + params.size() + " parameters but " + grads.size() + " gradients");
        }
        t++;
        double rate = Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        double eps2 = eps * eps;
        List<Tensor> out = new ArrayList<>(), nm = new ArrayList<>(), nv = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor g = grads.get(i);
            if (!java.util.Arrays.equals(g.shape(), params.get(i).shape())) {
                throw new IllegalArgumentException("InnerAdam.step: gradient " + i + " has shape " + java.util.Arrays.toString(g.shape())
                        + " for a parameter of shape " + java.util.Arrays.toString(params.get(i).shape()));
            }
            Tensor mi = g.mul(1 - beta1), vi = g.square().mul(1 - beta2);
            if (m != null) {
                mi = m.get(i).mul(beta1).add(mi);
                vi = v.get(i).mul(beta2).add(vi);
            }
            nm.add(mi);
            nv.add(vi);
            // v + eps^2 > 0, so the square root and its derivative are finite everywhere.
            Tensor dir = mi.div(vi.add(eps2).sqrt()).mul(rate);
            out.add(params.get(i).sub(dir.mul(lr)));
        }
        m = nm;
        v = nv;
        return out;
    }

    /**
     * Makes the moments constants (the truncation point of a reverse-mode window: what happened
     * before it is not differentiated).
     */
    public void detachState() {
        if (m == null) return;
        m.replaceAll(Tensor::detach);
        v.replaceAll(Tensor::detach);
    }

    /** Steps taken since the last reset. */
    public int steps() { return t; }

    @Override
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }
}
