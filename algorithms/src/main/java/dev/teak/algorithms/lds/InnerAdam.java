package dev.teak.algorithms.lds;

import dev.teak.autograd.Tensor;
import dev.teak.nn.optim.DifferentiableAdam;

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
 *
 * <p>The optimizer itself is {@link DifferentiableAdam#epsilonInsideSqrt}; this class names the
 * LDS defaults.
 */
public final class InnerAdam {
    private InnerAdam() {}

    /** FAR-HO's default epsilon, raised from 1e-8 for the stability of the hypergradient. */
    public static final double EPS = 1e-5;

    /** The inner optimizer with the given betas and epsilon. */
    public static DifferentiableAdam create(Tensor lr, double beta1, double beta2, double eps) {
        return DifferentiableAdam.epsilonInsideSqrt("InnerAdam", lr, beta1, beta2, eps);
    }

    /** b1 = 0.9, b2 = 0.999, eps = 1e-5. */
    public static DifferentiableAdam create(Tensor lr) { return create(lr, 0.9, 0.999, EPS); }
}
