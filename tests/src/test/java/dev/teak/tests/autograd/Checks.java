package dev.teak.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.GradCheck;
import dev.teak.autograd.GradGradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The first-order properties every differentiable op must have: gradients equal to central
 * finite differences ({@link GradCheck}), gradient shapes equal to input shapes, and backward
 * linear in the upstream gradient: {@code grad(2 v1 - 3 v2) = 2 grad(v1) - 3 grad(v2)}.
 */
final class Checks {
    private Checks() {}

    static void firstOrder(String op, Function<Tensor[], Tensor> f, long seed, Tensor... xs) {
        GradCheck.check(op, f, xs, seed);
        Tensor out = f.apply(xs);
        if (!out.requiresGrad()) return;
        SplittableRandom r = new SplittableRandom(seed);
        Tensor v1 = new Tensor(NdArray.of(Inputs.values(r, out.numel(), Inputs.Domain.ANY)).reshape(out.shape()));
        Tensor v2 = new Tensor(NdArray.of(Inputs.values(r, out.numel(), Inputs.Domain.ANY)).reshape(out.shape()));
        Tensor[] g1 = Autograd.grad(new Tensor[] {out}, xs, new Tensor[] {v1}, true, false, true);
        Tensor[] g2 = Autograd.grad(new Tensor[] {out}, xs, new Tensor[] {v2}, true, false, true);
        Tensor[] g12 = Autograd.grad(new Tensor[] {out}, xs, new Tensor[] {v1.mul(2).sub(v2.mul(3))}, false, false, true);
        for (int i = 0; i < xs.length; i++) {
            if (g12[i] == null) continue;
            assertArrayEquals(xs[i].shape(), g12[i].shape(), op + ": gradient shape of input " + i + " (seed " + seed + ")");
            assertEquals(xs[i].dtype(), g12[i].dtype(), op + ": gradient dtype of input " + i);
            double[] a = g12[i].data().toDoubleArray(), b = g1[i].data().toDoubleArray(), c = g2[i].data().toDoubleArray();
            for (int k = 0; k < a.length; k++) {
                double expected = 2 * b[k] - 3 * c[k];
                assertEquals(expected, a[k], 1e-9 * (1 + Math.abs(expected)),
                        op + ": backward not linear in the upstream gradient at input " + i + " element " + k + " (seed " + seed + ")");
            }
        }
    }

    static void secondOrder(String op, Function<Tensor[], Tensor> f, long seed, Tensor... xs) {
        GradGradCheck.check(op, f, xs, seed);
    }
}
