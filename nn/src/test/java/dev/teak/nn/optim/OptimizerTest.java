package dev.teak.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.io.SafeTensors;
import dev.teak.tensor.NdArray;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The first two steps of each optimizer against updates worked out by hand. The loss is
 * {@code sum(c * w)} with {@code c = [0.5, 1]}, so the gradient is {@code c} at every step,
 * starting from {@code w = [1, -2]}.
 */
class OptimizerTest {
    private static final double[] C = {0.5, 1};

    private static Parameter param() { return new Parameter(NdArray.of(new double[] {1, -2})); }

    /** Two steps; returns w after step 1 and after step 2. */
    private static double[][] twoSteps(Function<List<Parameter>, Optimizer> make) {
        Parameter p = param();
        Optimizer opt = make.apply(List.of(p));
        double[][] out = new double[2][];
        for (int s = 0; s < 2; s++) {
            opt.zeroGrad();
            p.get().mul(Tensor.of(C, 2)).sum().backward();
            opt.step();
            out[s] = p.data().toDoubleArray();
        }
        return out;
    }

    private static void expect(double[][] got, double[] step1, double[] step2) {
        assertArrayEquals(step1, got[0], 1e-12, "after step 1");
        assertArrayEquals(step2, got[1], 1e-12, "after step 2");
    }

    @Test
    void sgd() {
        // w -= 0.1 c twice.
        expect(twoSteps(ps -> new SGD(ps, 0.1)), new double[] {0.95, -2.1}, new double[] {0.9, -2.2});
        // Momentum 0.9: b1 = c, w1 = w0 - 0.1 c; b2 = 0.9 c + c = 1.9 c, w2 = w1 - 0.19 c.
        expect(twoSteps(ps -> new SGD(ps, 0.1, 0.9)), new double[] {0.95, -2.1}, new double[] {0.855, -2.29});
        // Nesterov: step 1 uses c + 0.9 b1 = 1.9 c; step 2 uses c + 0.9 (1.9 c) = 2.71 c.
        expect(twoSteps(ps -> new SGD(ps, 0.1, 0.9, 0, 0, true)), new double[] {0.905, -2.19}, new double[] {0.7695, -2.461});
        // Weight decay 0.1: g1 = c + 0.1 [1, -2] = [0.6, 0.8], w1 = [0.94, -2.08];
        // g2 = c + 0.1 w1 = [0.594, 0.792], w2 = [0.8806, -2.1592].
        expect(twoSteps(ps -> new SGD(ps, 0.1, 0, 0, 0.1, false)), new double[] {0.94, -2.08}, new double[] {0.8806, -2.1592});
    }

    @Test
    void adamAndAdamW() {
        // A constant gradient makes the bias-corrected moments exactly m = c and v = c^2 at every
        // step (e.g. step 2: m = 0.9 (0.1 c) + 0.1 c = 0.19 c, / (1 - 0.81) = c), so each step
        // moves w by lr c / (|c| + eps).
        double d0 = 0.1 * 0.5 / (0.5 + 1e-8), d1 = 0.1 * 1 / (1 + 1e-8);
        expect(twoSteps(ps -> new Adam(ps, 0.1)), new double[] {1 - d0, -2 - d1}, new double[] {1 - 2 * d0, -2 - 2 * d1});
        // AdamW, weight decay 0.1: w *= 1 - 0.1 * 0.1 before each Adam step.
        double a1 = 1 * 0.99 - d0, b1 = -2 * 0.99 - d1;
        expect(twoSteps(ps -> new AdamW(ps, 0.1, 0.9, 0.999, 1e-8, 0.1)), new double[] {a1, b1},
                new double[] {a1 * 0.99 - d0, b1 * 0.99 - d1});
    }

    @Test
    void rmspropAndAdagrad() {
        // RMSprop alpha 0.99: v1 = 0.01 c^2, v2 = 0.99 * 0.01 c^2 + 0.01 c^2 = 0.0199 c^2; w -= lr c / (sqrt(v) + eps).
        double[] w1 = new double[2], w2 = new double[2], w0 = {1, -2};
        for (int i = 0; i < 2; i++) {
            w1[i] = w0[i] - 0.01 * C[i] / (Math.sqrt(0.01) * C[i] + 1e-8);
            w2[i] = w1[i] - 0.01 * C[i] / (Math.sqrt(0.0199) * C[i] + 1e-8);
        }
        expect(twoSteps(ps -> new RMSprop(ps, 0.01)), w1, w2);
        // Adagrad: s1 = c^2, s2 = 2 c^2; w -= lr c / (sqrt(s) + 1e-10).
        for (int i = 0; i < 2; i++) {
            w1[i] = w0[i] - 0.1 * C[i] / (C[i] + 1e-10);
            w2[i] = w1[i] - 0.1 * C[i] / (Math.sqrt(2) * C[i] + 1e-10);
        }
        expect(twoSteps(ps -> new Adagrad(ps, 0.1)), w1, w2);
        // lr decay 0.5: step 2 uses lr / (1 + 0.5).
        double x1 = 1 - 0.1 * 0.5 / (0.5 + 1e-10), x2 = x1 - 0.1 / 1.5 * 0.5 / (Math.sqrt(2) * 0.5 + 1e-10);
        assertEquals(x2, twoSteps(ps -> new Adagrad(ps, 0.1, 0.5, 0, 1e-10))[1][0], 1e-12);
    }

    /**
     * The float32 path writes into the weights' own array; each step must equal the float64 rule
     * applied to the same (widened) weights and gradient, rounded once, leave the same float64
     * state (the moments depend on the gradient alone, which both paths see), and must bump the
     * weights' version so a graph that saved them refuses to run backward again.
     */
    @Test
    void float32StepsInPlaceEqualTheFloat64RuleRounded() {
        float[] w0 = {1.5f, -2.25f, 0.125f, 3f, -0.5f, 7f}, g0 = {0.3f, -1.7f, 2.5f, 0.01f, -0.2f, 1f};
        float32StepsMatchFloat64(w0, g0, 2, 3);
    }

    /** 119,997 elements (not a multiple of a vector) are split among two threads: every chunk, and every chunk's tail, must still follow the rule exactly. */
    @Test
    void float32StepsOnTwoThreadsEqualTheFloat64RuleRounded() {
        java.util.Random r = new java.util.Random(5);
        float[] w0 = new float[119_997], g0 = new float[w0.length];
        for (int i = 0; i < w0.length; i++) { w0[i] = (float) r.nextGaussian(); g0[i] = (float) r.nextGaussian(); }
        int before = dev.teak.tensor.cpu.Parallel.threads();
        dev.teak.tensor.cpu.Parallel.setThreads(2);
        try {
            float32StepsMatchFloat64(w0, g0, 3, 39_999);
        } finally {
            dev.teak.tensor.cpu.Parallel.setThreads(before);
        }
    }

    private static void float32StepsMatchFloat64(float[] w0, float[] g0, int rows, int cols) {
        List<Function<List<Parameter>, Optimizer>> makers = List.of(
                ps -> new Adam(ps, 0.01), ps -> new AdamW(ps, 0.01), ps -> new SGD(ps, 0.1, 0.9), ps -> new RMSprop(ps, 0.01),
                ps -> new Adagrad(ps, 0.1));
        NdArray gradient = NdArray.of(g0, w0.length);
        for (Function<List<Parameter>, Optimizer> make : makers) {
            Parameter p32 = new Parameter(NdArray.of(w0, rows, cols)), p64 = new Parameter(NdArray.of(w0, rows, cols).to(dev.teak.tensor.DType.FLOAT64));
            Optimizer o32 = make.apply(List.of(p32)), o64 = make.apply(List.of(p64));
            for (int s = 0; s < 3; s++) {
                for (Parameter p : List.of(p32, p64)) {
                    p.zeroGrad();
                    p.get().mul(new Tensor(gradient.reshape(rows, cols).to(p.get().dtype()))).sum().backward();
                }
                int version = p32.get().version();
                o32.step();
                o64.step();
                float[] got = p32.data().toFloatArray(), want = p64.data().to(dev.teak.tensor.DType.FLOAT32).toFloatArray();
                assertArrayEquals(want, got, 0f, o32.getClass().getSimpleName() + " step " + (s + 1));
                assertEquals(version + 1, p32.get().version(), "the step bumps the version");
                Map<String, NdArray> s32 = o32.stateDict(), s64 = o64.stateDict();
                assertEquals(s64.keySet(), s32.keySet());
                for (String k : s64.keySet()) {
                    assertArrayEquals(s64.get(k).toDoubleArray(), s32.get(k).toDoubleArray(), 0, o32.getClass().getSimpleName() + " " + k);
                }
                try (dev.teak.autograd.GradMode.Guard g = dev.teak.autograd.GradMode.noGrad()) {
                    p64.get().copyFrom(new Tensor(p32.data().to(dev.teak.tensor.DType.FLOAT64)));  // both go on from the rounded weights
                }
            }
        }
    }

    @Test
    void anOptimizerStepInvalidatesAGraphThatSavedTheWeights() {
        Parameter p = new Parameter(NdArray.of(new float[] {1, 2}, 2));
        Tensor x = Tensor.of(new float[] {3, 4}, 2);
        Tensor y = p.get().mul(x).mul(p.get()).sum();
        y.backward(null, true, false);
        new SGD(List.of(p), 0.1).step();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, y::backward);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("version") || e.getMessage().contains("modified"), e.getMessage());
    }

    @Test
    void stateDictResumesExactly() throws Exception {
        Parameter a = param(), b = param();
        Adam optA = new Adam(List.of(a), 0.05), optB = new Adam(List.of(b), 0.05);
        for (int s = 0; s < 3; s++) {
            optA.zeroGrad();
            a.get().square().sum().backward();
            optA.step();
        }
        // Resume b from a's weights and optimizer state, through a safetensors round trip.
        Map<String, NdArray> state = SafeTensors.read(SafeTensors.toBytes(optA.stateDict(), Map.of()), "state").tensors();
        b.copyFrom(a.data());
        optB.loadStateDict(state);
        for (Parameter p : List.of(a, b)) {
            p.zeroGrad();
            p.get().square().sum().backward();
        }
        optA.step();
        optB.step();
        assertArrayEquals(a.data().toDoubleArray(), b.data().toDoubleArray(), 0);
        assertEquals(4.0, optB.stateDict().get("state.0.step").item());
    }

    @Test
    void gradientClipping() {
        Parameter p = param();
        p.get().mul(Tensor.of(new double[] {3, 4}, 2)).sum().backward();      // grad [3, 4], norm 5
        assertEquals(5, GradClip.clipGradNorm(List.of(p), 1), 1e-12);
        assertArrayEquals(new double[] {3 / (5 + 1e-6), 4 / (5 + 1e-6)}, p.grad().data().toDoubleArray(), 1e-12);
        assertEquals(1, GradClip.clipGradNorm(List.of(p), 2), 1e-6, "below the limit: unchanged");
        assertEquals(1, Math.hypot(p.grad().data().toDoubleArray()[0], p.grad().data().toDoubleArray()[1]), 1e-6);
        Parameter q = param();
        q.get().mul(Tensor.of(new double[] {-3, 0.25}, 2)).sum().backward();
        GradClip.clipGradValue(List.of(q), 0.5);
        assertArrayEquals(new double[] {-0.5, 0.25}, q.grad().data().toDoubleArray(), 0);
    }

    private static double[] schedule(LRScheduler s, Optimizer opt, int n) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = opt.lr();
            s.step();
        }
        return out;
    }

    @Test
    void schedulers() {
        Optimizer opt = new SGD(List.of(param()), 1);
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, schedule(LRScheduler.stepDecay(opt, 2, 0.5), opt, 5), 1e-15);
        opt.setLr(1);
        assertArrayEquals(new double[] {1, 0.5, 0.25}, schedule(LRScheduler.exponential(opt, 0.5), opt, 3), 1e-15);
        opt.setLr(1);
        // 1 / (1 + t / 2).
        assertArrayEquals(new double[] {1, 1 / 1.5, 0.5}, schedule(LRScheduler.inverseTime(opt, 1, 2), opt, 3), 1e-15);
        opt.setLr(1);
        // Warm-up 2: 1/2, 1; cosine over 4 steps: 1, (1 + cos(pi/4))/2, 1/2, (1 + cos(3pi/4))/2; then the floor 0.
        double c = Math.cos(Math.PI / 4);
        assertArrayEquals(new double[] {0.5, 1, 1, (1 + c) / 2, 0.5, (1 - c) / 2, 0, 0},
                schedule(LRScheduler.cosineWithWarmup(opt, 2, 6, 0), opt, 8), 1e-15);
    }

    @Test
    void reduceOnPlateau() {
        Optimizer opt = new SGD(List.of(param()), 1);
        ReduceLROnPlateau r = new ReduceLROnPlateau(opt, true, 0.5, 1, 1e-4, 0, 0.1);
        r.step(1);      // best 1
        r.step(0.9);    // better
        r.step(0.95);   // 1 bad epoch: not more than the patience
        assertEquals(1, opt.lr());
        r.step(0.95);   // 2 bad epochs: halve
        assertEquals(0.5, opt.lr());
        for (int i = 0; i < 10; i++) r.step(1);
        assertEquals(0.1, opt.lr(), "floored at minLr");
    }
}
