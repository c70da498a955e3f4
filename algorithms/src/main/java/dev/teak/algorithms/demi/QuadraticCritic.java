package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;

/**
 * The quadratic family f(x, y) = e^t (x^T W y + sum_c q_c y_c^2 + b^T y), which contains the
 * optimal critic of {@link GaussianViews} up to terms in x alone (those cancel in every
 * contrastive bound, since the softmax runs over y for a fixed x): W = rho/(1-rho^2) on the
 * shared coordinates, q = -rho^2/(2(1-rho^2)) there, b = 0. The quadratic form in y is diagonal
 * because the optimum's is (a full one costs a [B K, d] x [d, d] product per term and only adds
 * parameters that must learn zero). The learned log-scale t lets Adam reach the large weights of
 * high MI (W about 54 at 2 nats per coordinate) in few steps. Starts at zero: all scores equal.
 */
public final class QuadraticCritic extends Critic {
    private final Parameter w, q, b, logScale;

    public QuadraticCritic(int dx, int dy) {
        super(dx, dy);
        w = parameter("W", NdArray.zeros(DType.FLOAT64, dx, dy));
        q = parameter("q", NdArray.zeros(DType.FLOAT64, dy));
        b = parameter("b", NdArray.zeros(DType.FLOAT64, dy));
        logScale = parameter("log_scale", NdArray.zeros(DType.FLOAT64, 1));
    }

    @Override protected Tensor score(Tensor x, Tensor cand) {
        Tensor a = x.matmul(w.get()).add(b.get()).unsqueeze(1);                    // (W^T x + b) per anchor, [B, 1, d]
        Tensor s = cand.mul(q.get()).add(a).mul(cand).sum(2, false);               // sum_c q_c y_c^2 + (W^T x + b)^T y
        return s.mul(logScale.get().exp());
    }

    /** In-batch form: (x W + b^T) Y^T plus the row vector of sum_c q_c y_jc^2, one matrix product. */
    @Override public Tensor pairwise(Tensor x, Tensor y) {
        Tensor cross = x.matmul(w.get()).add(b.get()).matmul(y.mT());              // [B, B]
        Tensor quad = y.square().matmul(q.get()).unsqueeze(0);                     // [1, B]
        return cross.add(quad).mul(logScale.get().exp());
    }

    /**
     * Sets the parameters to the optimal Gaussian critic on coordinates [from, to): from = 0 gives
     * log p(y | x_{1..to}) / p(y); the block of a conditional term gives its optimum
     * log p(y | x_n) / p(y | x_{n-1}) (up to terms in x alone).
     */
    public QuadraticCritic setOptimal(double rho, int from, int to) {
        double[] wv = new double[dx * dy], qv = new double[dy];
        double r2 = rho * rho;
        for (int i = from; i < Math.min(to, Math.min(dx, dy)); i++) {
            wv[i * dy + i] = rho / (1 - r2);
            qv[i] = -r2 / (2 * (1 - r2));
        }
        w.copyFrom(NdArray.of(wv, dx, dy));
        q.copyFrom(NdArray.of(qv, dy));
        b.copyFrom(NdArray.zeros(DType.FLOAT64, dy));
        logScale.copyFrom(NdArray.zeros(DType.FLOAT64, 1));
        return this;
    }
}
