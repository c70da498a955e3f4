package dev.teak.nn.functional;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.UnaryOp;

/** Pointwise activations as differentiable composites; {@link F} re-exports them. */
public final class Activations {
    private Activations() {}

    public static Tensor relu(Tensor x) { return x.relu(); }

    /**
     * GELU, exact (erf) form: {@code x Phi(x) = 0.5 x (1 + erf(x / sqrt 2))} (Hendrycks and
     * Gimpel 2016, eq. 1), as one elementwise op whose backward is one more
     * ({@code UnaryOp.GELU_GRAD}): as a composite it took five passes forward and about ten back.
     */
    public static Tensor gelu(Tensor x) {
        return x.apply(UnaryOp.GELU);
    }

    /**
     * ELU: {@code x} for {@code x > 0}, else {@code alpha (e^x - 1)}. The negative branch sees
     * {@code min(x, 0)}, so large positive inputs never reach the exponential (no overflow in
     * the branch that {@code where} discards, whose gradient would be {@code 0 * inf}).
     */
    public static Tensor elu(Tensor x, double alpha) {
        Tensor neg = x.clamp(Double.NEGATIVE_INFINITY, 0).apply(UnaryOp.EXPM1).mul(alpha);
        return Tensor.where(x.gt(0), x, neg);
    }

    /** {@code x} for {@code x > 0}, else {@code slope * x}. */
    public static Tensor leakyRelu(Tensor x, double slope) { return Tensor.where(x.gt(0), x, x.mul(slope)); }

    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }

    public static Tensor tanh(Tensor x) { return x.tanh(); }

    /**
     * Softplus {@code (1/beta) log(1 + e^(beta x))}, computed stably as
     * {@code (1/beta) (m + log(e^-m + e^(beta x - m)))} with {@code m = relu(beta x)}: both
     * exponents are never positive, and the gradient is sigmoid(beta x) everywhere, 1/2 at 0 too
     * (the form {@code relu(z) + log1p(e^-|z|)} would give 0 there, since relu and abs have
     * zero slope at 0).
     */
    public static Tensor softplus(Tensor x, double beta) {
        if (!(beta > 0)) throw new IllegalArgumentException("softplus: beta must be positive, got " + beta);
        Tensor bx = beta == 1 ? x : x.mul(beta);
        Tensor m = bx.relu();
        Tensor y = m.add(m.neg().exp().add(bx.sub(m).exp()).log());
        return beta == 1 ? y : y.div(beta);
    }

    /** {@code log sigmoid(x) = -softplus(-x)}, stable for large |x|. */
    public static Tensor logSigmoid(Tensor x) { return softplus(x.neg(), 1).neg(); }
}
