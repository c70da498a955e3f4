package dev.teak.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.io.SafeTensors;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.Parallel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code Adam.fused(true)}: float32 arithmetic and float32 moments, in one vector pass. */
class FusedAdamTest {
    private static final int ROWS = 3, COLS = 39_999;   // 119,997 elements: vector chunks and scalar tails

    /** A gradient sum(G * w), set as the parameter's only gradient. */
    private static void setGradient(Parameter p, float[] g) {
        p.zeroGrad();
        p.get().mul(new Tensor(NdArray.of(g, ROWS, COLS))).sum().backward();
    }

    private static float[] randoms(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (scale * r.nextGaussian());
        return a;
    }

    /**
     * PyTorch's Adam written out in float32, one element at a time: the reference the vector
     * kernel must equal bit for bit, on two threads whose ranges end anywhere.
     */
    @Test
    void fusedAdamAndAdamWEqualAScalarFloat32Reference() {
        for (boolean decoupled : new boolean[] {false, true}) {
            Random r = new Random(decoupled ? 11 : 7);
            float[] w = randoms(r, ROWS * COLS, 1), m = new float[w.length], v = new float[w.length];
            double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.05;
            Parameter p = new Parameter(NdArray.of(w, ROWS, COLS));
            Adam opt = new Adam(List.of(p), lr, b1, b2, eps, wd, decoupled).fused(true);
            int before = Parallel.threads();
            Parallel.setThreads(2);
            try {
                for (int t = 1; t <= 3; t++) {
                    float[] g = randoms(r, w.length, 0.1 * t);
                    setGradient(p, g);
                    opt.step();
                    float stepSize = (float) (lr / (1 - Math.pow(b1, t))), bc2 = (float) Math.sqrt(1 - Math.pow(b2, t));
                    for (int j = 0; j < w.length; j++) {
                        float wj = decoupled ? w[j] * (float) (1 - lr * wd) : w[j];
                        float d = decoupled ? g[j] : g[j] + wj * (float) wd;
                        m[j] = m[j] * (float) b1 + d * (float) (1 - b1);
                        v[j] = v[j] * (float) b2 + d * (float) (1 - b2) * d;
                        w[j] = wj - m[j] * stepSize / ((float) Math.sqrt(v[j]) / bc2 + (float) eps);
                    }
                    String what = (decoupled ? "AdamW" : "Adam") + " step " + t;
                    assertArrayEquals(w, p.data().toFloatArray(), 0f, what + " weights");
                    Map<String, NdArray> state = opt.stateDict();
                    assertEquals(DType.FLOAT32, state.get("state.0.exp_avg").dtype(), "the moments stay float32");
                    assertArrayEquals(m, state.get("state.0.exp_avg").toFloatArray(), 0f, what + " exp_avg");
                    assertArrayEquals(v, state.get("state.0.exp_avg_sq").toFloatArray(), 0f, what + " exp_avg_sq");
                }
            } finally {
                Parallel.setThreads(before);
            }
        }
    }

    /** Float32 arithmetic stays within float32 rounding of the exact float64 rule. */
    @Test
    void fusedStaysCloseToTheFloat64Rule() {
        Random r = new Random(3);
        float[] w0 = randoms(r, ROWS * COLS, 1);
        Parameter exact = new Parameter(NdArray.of(w0, ROWS, COLS)), fast = new Parameter(NdArray.of(w0, ROWS, COLS));
        Adam a = new Adam(List.of(exact), 1e-3), b = new Adam(List.of(fast), 1e-3).fused(true);
        for (int t = 0; t < 5; t++) {
            float[] g = randoms(r, w0.length, 1);
            setGradient(exact, g);
            setGradient(fast, g);
            a.step();
            b.step();
        }
        // Per step, the float32 update differs from the float64 one by a few float32 roundings
        // of its size (about lr), and the two weights may round to neighbours: over 5 steps at
        // most 5 (ulp(w) + lr 1e-6). Computing 1 - beta2 in float32 instead would cost 2e-5 lr per step.
        float[] x = exact.data().toFloatArray(), y = fast.data().toFloatArray();
        int differ = 0;
        for (int j = 0; j < x.length; j++) {
            double tol = 5 * (Math.ulp(Math.abs(x[j])) + 1e-3 * 1e-6);
            assertTrue(Math.abs(x[j] - y[j]) <= tol, "element " + j + ": " + x[j] + " against " + y[j]);
            if (x[j] != y[j]) differ++;
        }
        assertTrue(differ > 0, "the two precisions should differ somewhere");
    }

    @Test
    void fusedStateResumesExactlyThroughSafeTensors() throws Exception {
        Random r = new Random(5);
        float[] w0 = randoms(r, ROWS * COLS, 1);
        Parameter a = new Parameter(NdArray.of(w0, ROWS, COLS)), b = new Parameter(NdArray.of(w0, ROWS, COLS));
        Adam optA = new Adam(List.of(a), 0.01).fused(true), optB = new Adam(List.of(b), 0.01).fused(true);
        float[] g = randoms(r, w0.length, 1);
        for (int t = 0; t < 2; t++) {
            setGradient(a, g);
            optA.step();
        }
        Map<String, NdArray> state = SafeTensors.read(SafeTensors.toBytes(optA.stateDict(), Map.of()), "state").tensors();
        b.copyFrom(a.data());
        optB.loadStateDict(state);
        setGradient(a, g);
        setGradient(b, g);
        optA.step();
        optB.step();
        assertArrayEquals(a.data().toFloatArray(), b.data().toFloatArray(), 0f);
    }

    @Test
    void float64ParametersKeepTheFloat64Rule() {
        Parameter a = new Parameter(NdArray.of(new double[] {1, -2, 0.5}, 3)), b = new Parameter(NdArray.of(new double[] {1, -2, 0.5}, 3));
        Adam plain = new Adam(List.of(a), 0.1), fused = new Adam(List.of(b), 0.1).fused(true);
        for (int t = 0; t < 3; t++) {
            for (Parameter p : List.of(a, b)) {
                p.zeroGrad();
                p.get().square().sum().backward();
            }
            plain.step();
            fused.step();
        }
        assertArrayEquals(a.data().toDoubleArray(), b.data().toDoubleArray(), 0);
    }

    @Test
    void choosingThePrecisionAfterTheFirstStepIsRefused() {
        Parameter p = new Parameter(NdArray.of(new float[] {1, 2}, 2));
        Adam opt = new Adam(List.of(p), 0.1);
        p.get().square().sum().backward();
        opt.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.fused(true));
        assertTrue(e.getMessage().contains("before the first step"), e.getMessage());
    }
}
