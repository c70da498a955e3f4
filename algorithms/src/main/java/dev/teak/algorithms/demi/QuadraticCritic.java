package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;

/**
 * The quadratic family f(x, y) = e^t (x^T W y + y^T Q y + b^T y), Q = (P + P^T)/2, which
 * contains the optimal critic of {@link GaussianViews} up to terms in x alone (those cancel in
 * every contrastive bound, since the softmax runs over y for a fixed x): W = rho/(1-rho^2) on
 * the shared coordinates, Q = -rho^2/(2(1-rho^2)) there, b = 0. The learned log-scale t lets
 * Adam reach the large weights of high MI (about 54 at 2 nats per coordinate) in few steps.
 * Starts at zero (all scores equal, every bound 0).
 */
public final class QuadraticCritic extends Critic {
    private final dev.teak.nn.Parameter w, p, b, logScale;

    public QuadraticCritic(int dx, int dy) {
        super(dx, dy);
        w = parameter("W", NdArray.zeros(DType.FLOAT64, dx, dy));
        p = parameter("P", NdArray.zeros(DType.FLOAT64, dy, dy));
        b = parameter("b", NdArray.zeros(DType.FLOAT64, dy, 1));
        logScale = parameter("log_scale", NdArray.zeros(DType.FLOAT64, 1));
    }

    @Override protected Tensor score(Tensor x, Tensor cand) {
        Tensor q = p.get().add(p.get().mT()).mul(0.5);
        Tensor cross = x.matmul(w.get()).unsqueeze(1).mul(cand).sum(2, false);      // x^T W y_k
        Tensor quad = cand.matmul(q).mul(cand).sum(2, false);                       // y_k^T Q y_k
        Tensor lin = cand.matmul(b.get()).squeeze(2);                               // b^T y_k
        return cross.add(quad).add(lin).mul(logScale.get().exp());
    }

    /**
     * Sets the parameters to the optimal Gaussian critic on coordinates [from, to): from = 0 gives
     * log p(y | x_{1..to}) / p(y); the block of a conditional term gives its optimum
     * log p(y | x_n) / p(y | x_{n-1}) (up to terms in x alone).
     */
    public QuadraticCritic setOptimal(double rho, int from, int to) {
        double[] wv = new double[dx * dy], pv = new double[dy * dy];
        double r2 = rho * rho;
        for (int i = from; i < Math.min(to, Math.min(dx, dy)); i++) {
            wv[i * dy + i] = rho / (1 - r2);
            pv[i * dy + i] = -r2 / (2 * (1 - r2));
        }
        w.copyFrom(NdArray.of(wv, dx, dy));
        p.copyFrom(NdArray.of(pv, dy, dy));
        b.copyFrom(NdArray.zeros(DType.FLOAT64, dy, 1));
        logScale.copyFrom(NdArray.zeros(DType.FLOAT64, 1));
        return this;
    }
}
