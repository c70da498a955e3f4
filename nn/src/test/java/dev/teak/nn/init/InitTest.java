package dev.teak.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** Fans, bounds, variances, orthogonality and seeding of the initialisers. */
class InitTest {
    private static Parameter p(int... shape) { return new Parameter(NdArray.zeros(DType.FLOAT64, shape)); }

    private static double variance(double[] v) {
        double m = 0, s = 0;
        for (double x : v) m += x;
        m /= v.length;
        for (double x : v) s += (x - m) * (x - m);
        return s / v.length;
    }

    @Test
    void fansFollowPyTorch() {
        assertArrayEquals(new int[] {3, 5}, Init.fans(new int[] {5, 3}));
        assertArrayEquals(new int[] {4 * 9, 8 * 9}, Init.fans(new int[] {8, 4, 3, 3}));
    }

    @Test
    void xavierAndKaimingHaveTheirVariance() {
        Parameter w = p(200, 300);
        Init.xavierUniform(w, 1, new Generator(1));
        double a = Math.sqrt(6.0 / 500);
        double[] v = w.data().toDoubleArray();
        for (double x : v) assertTrue(Math.abs(x) <= a);
        // U(-a, a) has variance a^2 / 3 = 2 / (fanIn + fanOut); 60000 draws: relative error ~ 0.6 %.
        assertEquals(2.0 / 500, variance(v), 2.0 / 500 * 0.03);
        Init.xavierNormal(w, 2, new Generator(2));
        assertEquals(4 * 2.0 / 500, variance(w.data().toDoubleArray()), 4 * 2.0 / 500 * 0.03);
        Init.kaimingNormal(w, Init.gain("relu", 0), true, new Generator(3));
        assertEquals(2.0 / 300, variance(w.data().toDoubleArray()), 2.0 / 300 * 0.03);
        Init.kaimingUniform(w, Init.gain("relu", 0), false, new Generator(4));
        assertEquals(2.0 / 200, variance(w.data().toDoubleArray()), 2.0 / 200 * 0.03);
    }

    @Test
    void orthogonalRowsOrColumns() {
        for (int[] shape : new int[][] {{3, 5}, {5, 3}, {4, 2, 2}}) {
            Parameter w = p(shape);
            Init.orthogonal(w, 1.5, new Generator(5));
            NdArray m = w.data().reshape(shape[0], -1);
            NdArray gram = shape[0] <= m.size(1) ? m.matmul(m.mT()) : m.mT().matmul(m);
            int n = gram.size(0);
            double[] g = gram.toDoubleArray();
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(i == j ? 2.25 : 0, g[i * n + j], 1e-12);
        }
    }

    @Test
    void seededAndConstant() {
        Parameter a = p(4, 4), b = p(4, 4);
        Init.normal(a, 0, 1, new Generator(8));
        Init.normal(b, 0, 1, new Generator(8));
        assertTrue(a.data().contentEquals(b.data()));
        Init.uniform(b, 2, 3, new Generator(8));
        for (double x : b.data().toDoubleArray()) assertTrue(x >= 2 && x < 3);
        Init.ones(a);
        assertEquals(16, a.data().sum().item());
        Init.zeros(a);
        assertEquals(0, a.data().abs().sum().item());
    }
}
