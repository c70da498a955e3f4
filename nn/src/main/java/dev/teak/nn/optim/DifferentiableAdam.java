package dev.teak.nn.optim;

import dev.teak.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as a {@link FunctionalOptimizer} (Kingma and Ba 2015, Alg. 1), every operation an
 * autograd op: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w' = w - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}. The moments are tensors
 * carried between steps; {@code lr} is a tensor that may require grad.
 *
 * <p>{@link #epsilonInsideSqrt} gives the form that FAR-HO's hypergradient code differentiates,
 * {@code w' = w - lr sqrt(1-b2^t)/(1-b1^t) m / sqrt(v + eps^2)}: its derivative with respect to
 * a gradient entry near 0 is at most {@code lr_t (1-b1) / eps}, where the textbook form's reaches
 * {@code 1 / eps}.
 */
public final class DifferentiableAdam implements FunctionalOptimizer {
    private final String name;
    private final Tensor lr;
    private final double beta1, beta2, eps;
    private final boolean epsInsideSqrt;
    private List<Tensor> m, v;
    private int t;

    public DifferentiableAdam(Tensor lr, double beta1, double beta2, double eps) {
        this("DifferentiableAdam", lr, beta1, beta2, eps, false);
    }

    private DifferentiableAdam(String name, Tensor lr, double beta1, double beta2, double eps, boolean epsInsideSqrt) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name + ": betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        // sqrt(v + eps^2) is 0 for a zero gradient unless eps > 0; the textbook form, like PyTorch's Adam, allows 0.
        if (epsInsideSqrt ? !(eps > 0) : !(eps >= 0)) {
            throw new IllegalArgumentException(name + ": eps must be " + (epsInsideSqrt ? "> 0" : ">= 0") + ", got " + eps);
        }
        this.name = name;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.epsInsideSqrt = epsInsideSqrt;
    }

    /**
     * Adam with {@code eps^2} inside the square root (see the class comment); {@code name} is
     * what error messages call it. Needs {@code eps > 0}, so {@code sqrt(v + eps^2)} and its
     * derivative are finite everywhere.
     */
    public static DifferentiableAdam epsilonInsideSqrt(String name, Tensor lr, double beta1, double beta2, double eps) {
        return new DifferentiableAdam(name, lr, beta1, beta2, eps, true);
    }

    public DifferentiableAdam(Tensor lr) { this(lr, 0.9, 0.999, 1e-8); }

    @Override
    public List<Tensor> step(List<Tensor> params, List<Tensor> grads) {
        Steps.requireMatching(name, params, grads);
        t++;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        List<Tensor> out = new ArrayList<>(), nm = new ArrayList<>(), nv = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor g = grads.get(i);
            Tensor mi = g.mul(1 - beta1), vi = g.square().mul(1 - beta2);
            if (m != null) {
                mi = m.get(i).mul(beta1).add(mi);
                vi = v.get(i).mul(beta2).add(vi);
            }
            nm.add(mi);
            nv.add(vi);
            Tensor dir = epsInsideSqrt ? mi.div(vi.add(eps * eps).sqrt()).mul(Math.sqrt(c2) / c1)
                    : mi.div(c1).div(safeSqrt(vi.div(c2)).add(eps));
            out.add(params.get(i).sub(dir.mul(lr)));
        }
        m = nm;
        v = nv;
        return out;
    }

    /**
     * {@code sqrt(v)} whose derivative at {@code v = 0} is 0 instead of {@code inf}: a gradient
     * entry that is exactly 0 (a dead ReLU unit) has {@code v = 0}, and {@code inf * 0} would
     * make every hypergradient through this step NaN. {@code sqrt(v) = |g| sqrt(1-b2)} there,
     * and 0 is the subgradient of {@code |g|} at 0.
     */
    private static Tensor safeSqrt(Tensor v) {
        Tensor positive = v.gt(0);
        return Tensor.where(positive, Tensor.where(positive, v, v.onesLike()).sqrt(), v.zerosLike());
    }

    /** The first and second moments after the last step (null before the first). */
    public List<Tensor> firstMoments() { return m; }

    public List<Tensor> secondMoments() { return v; }

    /** Steps taken since the last reset. */
    public int steps() { return t; }

    /**
     * Makes the moments constants (the truncation point of a reverse-mode window: what happened
     * before it is not differentiated).
     */
    public void detachState() {
        if (m == null) return;
        m.replaceAll(Tensor::detach);
        v.replaceAll(Tensor::detach);
    }

    @Override
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }
}
