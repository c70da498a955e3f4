package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.Tensor;
import dev.teak.nn.optim.DifferentiableAdam;
import dev.teak.nn.optim.FunctionalOptimizer;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inner Adam of LDS (FAR-HO's form, eps inside the square root): its updates by hand, and
 * the property whose absence made Digits diverge, a bounded derivative of the update with
 * respect to the gradient (the factor every hypergradient path through a step is multiplied by).
 */
class InnerAdamTest {
    private static final double LR = 0.02, B1 = 0.9, B2 = 0.999, EPS = 1e-5;

    private static Tensor vec(double... v) { return new Tensor(NdArray.of(v, v.length), true); }

    /** Two steps against the equations evaluated in plain doubles. */
    @Test void updatesMatchTheEquations() {
        DifferentiableAdam opt = InnerAdam.create(new Tensor(NdArray.scalar(LR, DType.FLOAT64)));
        double[] w = {0.5, -1.0, 2.0}, g1 = {0.3, 0.0, -4.0}, g2 = {-0.1, 1e-3, 2.0};
        List<Tensor> p = opt.step(List.of(vec(w)), List.of(vec(g1)));
        p = opt.step(p, List.of(vec(g2)));
        double[] got = p.get(0).data().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double m = (1 - B1) * g1[i], v = (1 - B2) * g1[i] * g1[i];
            double x = w[i] - LR * Math.sqrt(1 - B2) / (1 - B1) * m / Math.sqrt(v + EPS * EPS);
            m = B1 * m + (1 - B1) * g2[i];
            v = B2 * v + (1 - B2) * g2[i] * g2[i];
            x -= LR * Math.sqrt(1 - B2 * B2) / (1 - B1 * B1) * m / Math.sqrt(v + EPS * EPS);
            assertEquals(x, got[i], 1e-12, "entry " + i);
        }
        assertEquals(2, opt.steps());
        opt.reset();
        assertEquals(0, opt.steps());
    }

    /**
     * d w'/d g at the first step is {@code -lr sqrt(1-b2)/(1-b1) (1-b1) eps^2 / ((1-b2) g^2 + eps^2)^(3/2)}
     * (hand-differentiated), at most {@code lr sqrt(1-b2) / eps} (at g = 0). The textbook form
     * {@code g^/(sqrt(v^) + 1e-8)} has {@code ~1e8 lr} at g = 1e-9 instead: one such entry made the
     * Digits hypergradient 100 times its usual size.
     */
    @Test void derivativeWithRespectToTheGradientIsBoundedAndAsDerived() {
        double[] g = {0.0, 1e-9, 1e-6, 0.3, -2.0};
        Tensor gt = vec(g);
        FunctionalOptimizer opt = LdsTrainer.innerOptimizer(LdsConfig.defaults(true, 5, 1.0).withDtype(DType.FLOAT64));
        Tensor w1 = opt.step(List.of(vec(new double[g.length])), List.of(gt)).get(0);
        double[] d = Autograd.grad(new Tensor[] {w1.sum()}, new Tensor[] {gt}, null, false, false)[0].data().toDoubleArray();
        double bound = LR * Math.sqrt(1 - B2) / EPS;
        for (int i = 0; i < g.length; i++) {
            double s = (1 - B2) * g[i] * g[i] + EPS * EPS;
            double expected = -LR * Math.sqrt(1 - B2) * EPS * EPS / Math.pow(s, 1.5);
            assertEquals(expected, d[i], 1e-9 * Math.abs(expected) + 1e-15, "dw'/dg at g = " + g[i]);
            assertTrue(Math.abs(d[i]) <= bound * (1 + 1e-12), "|dw'/dg| = " + Math.abs(d[i]) + " above the bound " + bound + " at g = " + g[i]);
        }
        assertEquals(-bound, d[0], 1e-9 * bound);
    }

    @Test void rejectsBadArguments() {
        Tensor lr = new Tensor(NdArray.scalar(LR, DType.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> InnerAdam.create(lr, 0.9, 0.999, 0));
        assertThrows(IllegalArgumentException.class, () -> InnerAdam.create(lr, 1.0, 0.999, EPS));
        DifferentiableAdam opt = InnerAdam.create(lr);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.step(List.of(vec(1, 2)), List.of(vec(1, 2, 3))));
        assertTrue(e.getMessage().contains("InnerAdam") && e.getMessage().contains("[3]"), e.getMessage());
    }
}
