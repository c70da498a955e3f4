package dev.teak.nn.optim;

import dev.teak.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as a {@link FunctionalOptimizer} (Kingma and Ba 2015, Alg. 1), every operation an
 * autograd op: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w' = w - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}. The moments are tensors
 * carried between steps; {@code lr} is a tensor that may require grad.
 */
public final class DifferentiableAdam implements FunctionalOptimizer {
    private final Tensor lr;
    private final double beta1, beta2, eps;
    private List<Tensor> m, v;
    private int t;

    public DifferentiableAdam(Tensor lr, double beta1, double beta2, double eps) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public DifferentiableAdam(Tensor lr) { this(lr, 0.9, 0.999, 1e-8); }

    @Override
    public List<Tensor> step(List<Tensor> params, List<Tensor> grads) {
        Steps.requireMatching("DifferentiableAdam", params, grads);
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
            Tensor dir = mi.div(c1).div(safeSqrt(vi.div(c2)).add(eps));
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

    @Override
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }
}
