package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Reductions;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.testing.Shapes;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The fused last-axis softmax ({@link CpuSoftmax}, the CPU backend's kernel that {@link Reductions#softmax} uses for
 * contiguous float32 input) against the textbook formula exp(x_i - max) / sum_j exp(x_j - max)
 * evaluated in float64 row by row, and against the composite's behaviour on special rows.
 */
class CpuSoftmaxTest {

    /** float64 reference per row of the last axis. */
    private static double[] reference(float[] x, int m) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length / m; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) max = Math.max(max, x[r * m + j]);
            double sum = 0;
            for (int j = 0; j < m; j++) sum += Math.exp(x[r * m + j] - max);
            for (int j = 0; j < m; j++) out[r * m + j] = Math.exp(x[r * m + j] - max) / sum;
        }
        return out;
    }

    @Test
    void matchesTheFormulaOnRandomShapes() {
        qt().withExamples(150).forAll(Shapes.shapes(1, 4, 1), SourceDSL.longs().all()).checkAssert((shape, seed) -> {
            NdArray x = new Generator(seed).randn(shape).mul(4);
            NdArray y = Reductions.softmax(x, -1);
            float[] xs = x.toFloatArray(), ys = y.toFloatArray();
            double[] ref = reference(xs, shape[shape.length - 1]);
            for (int i = 0; i < ys.length; i++) {
                // exp and the sum each within a few ulps: 1e-6 relative and 1e-7 absolute is loose enough, tight enough to catch a wrong row
                assertTrue(Math.abs(ys[i] - ref[i]) <= 1e-6 * ref[i] + 1e-7, "softmax at " + i + ": " + ys[i] + " vs " + ref[i]);
            }
        });
    }

    @Test
    void largeRowsAcrossThreadsAndAViewWithAnOffset() {
        NdArray big = new Generator(3).randn(50, 3000).mul(10);
        NdArray rows = big.slice(0, 7, 40);                  // contiguous, storage offset 7 * 3000
        assertTrue(rows.isContiguous() && rows.offset() > 0);
        float[] ys = Reductions.softmax(rows, 1).toFloatArray();
        double[] ref = reference(rows.toFloatArray(), 3000);
        for (int i = 0; i < ys.length; i++) assertEquals(ref[i], ys[i], 1e-6 * ref[i] + 1e-8);
    }

    @Test
    void specialRowsBehaveAsTheComposite() {
        float inf = Float.POSITIVE_INFINITY;
        NdArray x = NdArray.of(new float[] {1, Float.NaN, 2, -inf, -inf, -inf, 0, -inf, 0, inf, 1, 2}, 4, 3);
        float[] y = Reductions.softmax(x, 1).toFloatArray();
        for (int j = 0; j < 3; j++) assertTrue(Float.isNaN(y[j]), "a NaN spreads over its row");
        for (int j = 3; j < 6; j++) assertTrue(Float.isNaN(y[j]), "an all -inf row is NaN (-inf - -inf)");
        assertEquals(0.5f, y[6]);
        assertEquals(0f, y[7]);
        assertEquals(0.5f, y[8]);
        for (int j = 9; j < 12; j++) assertTrue(Float.isNaN(y[j]), "+inf - +inf is NaN, so the row's sum and every quotient are");
        assertEquals(DType.FLOAT32, Reductions.softmax(x, 1).dtype());
    }

    @Test
    void logSoftmaxMatchesTheFormulaOnRandomShapes() {
        qt().withExamples(150).forAll(Shapes.shapes(1, 4, 1), SourceDSL.longs().all()).checkAssert((shape, seed) -> {
            NdArray x = new Generator(seed).randn(shape).mul(4);
            float[] xs = x.toFloatArray(), ys = Reductions.logSoftmax(x, -1).toFloatArray();
            double[] ref = reference(xs, shape[shape.length - 1]);
            for (int i = 0; i < ys.length; i++) {
                double r = Math.log(ref[i]);
                assertTrue(Math.abs(ys[i] - r) <= 1e-5 * Math.abs(r) + 1e-5, "logSoftmax at " + i + ": " + ys[i] + " vs " + r);
            }
        });
    }

    @Test
    void logSoftmaxSpecialRowsBehaveAsTheComposite() {
        float inf = Float.POSITIVE_INFINITY;
        NdArray x = NdArray.of(new float[] {1, Float.NaN, 2, -inf, -inf, -inf, 0, -inf, 0, inf, 1, 2}, 4, 3);
        float[] fused = Reductions.logSoftmax(x, 1).toFloatArray();
        float[] composite = x.sub(Reductions.logsumexp(x, new int[] {1}, true)).toFloatArray();
        for (int i = 0; i < fused.length; i++) {
            assertTrue(Float.compare(fused[i], composite[i]) == 0 || Math.abs(fused[i] - composite[i]) <= 1e-6,
                    "element " + i + ": fused " + fused[i] + ", composite " + composite[i]);
        }
        assertEquals((float) -Math.log(2), fused[6], 1e-7);
        assertEquals(Float.NEGATIVE_INFINITY, fused[7]);
        assertEquals(Float.NEGATIVE_INFINITY, fused[10], "a finite entry beside +inf");
    }
}
