package dev.teak.tensor;

import static dev.teak.tensor.testing.Shapes.draw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.cpu.Parallel;
import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Close;
import dev.teak.tensor.testing.Dense;
import dev.teak.tensor.testing.Shapes;
import dev.teak.tensor.testing.TorchRules;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Reductions over random axis sets with and without {@code keepdim}, on random shapes and
 * layouts, against sequential loops in double (long for integer sums and products); the
 * composites (mean, var, logsumexp, softmax, cumsum, argmax/argmin) against their textbook
 * formulas; and float32 sums bit-identical whatever the thread count.
 */
class ReductionPropertiesTest {

    /** An array, the axes a user passes, and keepdim. */
    record Case(NdArray x, int[] axes, boolean keepdim) {
        @Override public String toString() { return ArrayGen.describe(x) + " axes " + Arrays.toString(axes) + " keepdim " + keepdim; }
    }

    static Gen<Case> cases(Range r, DType... dtypes) {
        return rs -> {
            DType t = dtypes.length == 0 ? ArrayGen.dtype(rs) : dtypes[draw(rs, 0, dtypes.length - 1)];
            NdArray x = ArrayGen.layout(rs, ArrayGen.values(rs, t, Shapes.shapes().generate(rs), r), t);
            return new Case(x, Shapes.axisSet(rs, x.dim()), Shapes.oneIn(rs, 2));
        };
    }

    /** One axis (possibly negative) instead of a set. */
    static Gen<Case> oneAxis(Range r, DType... dtypes) {
        return rs -> {
            DType t = dtypes.length == 0 ? ArrayGen.dtype(rs) : dtypes[draw(rs, 0, dtypes.length - 1)];
            NdArray x = ArrayGen.layout(rs, ArrayGen.values(rs, t, Shapes.shapes(1, 4, 0).generate(rs), r), t);
            return new Case(x, new int[] {draw(rs, -x.dim(), x.dim() - 1)}, Shapes.oneIn(rs, 2));
        };
    }

    /** Shape of the result: reduced axes become 1 (keepdim) or disappear. */
    static int[] outShape(int[] shape, boolean[] reduced, boolean keepdim) {
        int[] out = new int[shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) out[k++] = shape[d];
            else if (keepdim) out[k++] = 1;
        }
        return Arrays.copyOf(out, k);
    }

    /** Flat position in the keep-dim result of the input element at {@code idx}. */
    static int outFlat(int[] idx, int[] shape, boolean[] reduced) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) f = f * (reduced[d] ? 1 : shape[d]) + (reduced[d] ? 0 : idx[d]);
        return f;
    }

    /** How many input elements fold into each result element. */
    static int reducedCount(int[] shape, boolean[] reduced) {
        int n = 1;
        for (int d = 0; d < shape.length; d++) if (reduced[d]) n *= shape[d];
        return n;
    }

    @Test
    void everyReduceOpMatchesASequentialLoop() {
        Gen<ReduceOp> ops = rs -> ReduceOp.values()[draw(rs, 0, ReduceOp.values().length - 1)];
        Gen<Object[]> gen = rs -> {
            ReduceOp op = ops.generate(rs);
            return new Object[] {op, cases(op == ReduceOp.PROD ? Range.NEAR_ONE : Range.GENERAL).generate(rs)};
        };
        qt().withExamples(400).forAll(gen.describedAs(o -> o[0] + " of " + o[1])).checkAssert(o -> {
            ReduceOp op = (ReduceOp) o[0];
            Case c = (Case) o[1];
            int[] shape = c.x.shape();
            boolean[] red = Shapes.reducedMask(c.axes, shape.length);
            int[] keep = outShape(shape, red, true);
            int n = reducedCount(shape, red);
            if ((op == ReduceOp.MAX || op == ReduceOp.MIN) && n == 0) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Reductions.reduce(op, c.x, c.axes, c.keepdim), "max/min of nothing");
                assertTrue(e.getMessage().contains("size 0"), e.getMessage());
                return;
            }
            DType out = TorchRules.reduceResult(op, c.x.dtype());
            Dense in = Dense.read(c.x), expected = Dense.zeros(keep), absSum = Dense.zeros(keep);
            long[] exactInt = new long[expected.numel()];
            Arrays.fill(expected.data, op.identity());
            Arrays.fill(exactInt, op == ReduceOp.PROD ? 1 : 0);
            int[] idx = new int[shape.length];
            for (int f = 0; f < in.numel(); f++) {
                int o2 = outFlat(idx, shape, red);
                double v = in.data[f];
                expected.data[o2] = op.combine(expected.data[o2], v);
                exactInt[o2] = op == ReduceOp.PROD ? exactInt[o2] * (long) v : exactInt[o2] + (long) v;
                absSum.data[o2] += Math.abs(v);
                Dense.next(idx, shape);
            }
            double[] bound = new double[expected.numel()];
            for (int i = 0; i < bound.length; i++) {
                if (out == DType.INT64 && (op == ReduceOp.SUM || op == ReduceOp.PROD)) expected.data[i] = exactInt[i];
                double eps = out == DType.FLOAT32 ? Math.ulp(1f) : out == DType.FLOAT64 ? Math.ulp(1.0) : 0;
                // Summation in any order is within n eps sum|x| of the exact sum (products: n eps |p|).
                double scale = op == ReduceOp.SUM ? absSum.data[i] : op == ReduceOp.PROD ? Math.abs(expected.data[i]) : 0;
                bound[i] = (n + 1) * eps * scale;
                expected.data[i] = Dense.convert(expected.data[i], out);
            }
            NdArray r = Reductions.reduce(op, c.x, c.axes, c.keepdim);
            Close.dtype(op.toString(), out, r);
            Close.withinBounds(op.toString(), new Dense(outShape(shape, red, c.keepdim), expected.data), r, bound);
        });
    }

    @Test
    void meanAndVarianceMatchTwoPassFormulas() {
        qt().withExamples(300).forAll(cases(Range.FINITE, DType.FLOAT32, DType.FLOAT64, DType.INT32), Generate.range(0, 1))
                .checkAssert((c, correction) -> {
                    int[] shape = c.x.shape();
                    boolean[] red = Shapes.reducedMask(c.axes, shape.length);
                    int[] keep = outShape(shape, red, true);
                    int n = reducedCount(shape, red);
                    Dense in = Dense.read(c.x), mean = Dense.zeros(keep), var = Dense.zeros(keep);
                    int[] idx = new int[shape.length];
                    // the mean of nothing is 0/0 = NaN, as in PyTorch
                    if (n == 0) Arrays.fill(mean.data, Double.NaN);
                    for (int f = 0; f < in.numel(); f++) { mean.data[outFlat(idx, shape, red)] += in.data[f] / n; Dense.next(idx, shape); }
                    for (int f = 0; f < in.numel(); f++) {
                        double d = in.data[f] - mean.data[outFlat(idx, shape, red)];
                        var.data[outFlat(idx, shape, red)] += d * d / (n - correction);
                        Dense.next(idx, shape);
                    }
                    if (n - correction <= 0) Arrays.fill(var.data, Double.NaN); // 0/0, or a single element with Bessel's correction
                    DType t = c.x.dtype().isFloating() ? c.x.dtype() : DType.FLOAT32;
                    double tol = t == DType.FLOAT32 ? 2e-5 : 1e-12;
                    int[] os = outShape(shape, red, c.keepdim);
                    NdArray m = Reductions.mean(c.x, c.axes, c.keepdim), v = Reductions.var(c.x, c.axes, correction, c.keepdim);
                    Close.dtype("mean", t, m);
                    Close.within("mean", new Dense(os, mean.data), m, tol, tol * 10);
                    Close.within("var", new Dense(os, var.data), v, tol * 10, tol * 100);
                });
    }

    @Test
    void logSumExpMatchesTheShiftedFormulaAndShiftsWithItsInput() {
        qt().withExamples(300).forAll(cases(Range.FINITE, DType.FLOAT32, DType.FLOAT64), Generate.range(-1000, 1000))
                .checkAssert((c, shift) -> {
                    int[] shape = c.x.shape();
                    boolean[] red = Shapes.reducedMask(c.axes, shape.length);
                    int[] keep = outShape(shape, red, true);
                    Dense in = Dense.read(c.x), max = Dense.zeros(keep), sum = Dense.zeros(keep);
                    Arrays.fill(max.data, Double.NEGATIVE_INFINITY);
                    int[] idx = new int[shape.length];
                    for (int f = 0; f < in.numel(); f++) { int o = outFlat(idx, shape, red); max.data[o] = Math.max(max.data[o], in.data[f]); Dense.next(idx, shape); }
                    for (int f = 0; f < in.numel(); f++) { int o = outFlat(idx, shape, red); sum.data[o] += Math.exp(in.data[f] - max.data[o]); Dense.next(idx, shape); }
                    // log sum exp(x) = m + log sum exp(x - m); an empty sum gives -inf
                    Dense expected = Dense.zeros(keep);
                    for (int o = 0; o < expected.numel(); o++) {
                        expected.data[o] = sum.data[o] == 0 ? Double.NEGATIVE_INFINITY : max.data[o] + Math.log(sum.data[o]);
                    }
                    double tol = c.x.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
                    int[] os = outShape(shape, red, c.keepdim);
                    NdArray r = Reductions.logsumexp(c.x, c.axes, c.keepdim);
                    Close.within("logsumexp", new Dense(os, expected.data), r, tol, tol);
                    // lse(x + c) = lse(x) + c, finite even when x + c is near 1000 (exp would overflow)
                    NdArray shifted = Reductions.logsumexp(c.x.add(shift), c.axes, c.keepdim);
                    Dense want = Dense.read(r).map(v -> v + shift);
                    Close.within("logsumexp(x + " + shift + ")", want, shifted, tol, tol * 1000);
                });
    }

    @Test
    void logSumExpIsFiniteForInputsNearAThousand() {
        NdArray x = NdArray.of(new float[] {1000f, 1000.5f, 999f, -1000f}, 2, 2);
        double[] expected = {1000 + Math.log(1 + Math.exp(0.5)), 999 + Math.log(1 + Math.exp(-1999))};
        assertArrayClose(expected, Reductions.logsumexp(x, new int[] {1}, false).toDoubleArray(), 1e-4);
        assertArrayClose(new double[] {Double.NEGATIVE_INFINITY},
                Reductions.logsumexp(NdArray.full(Double.NEGATIVE_INFINITY, DType.FLOAT64, 1, 3), new int[] {1}, false).toDoubleArray(), 0);
    }

    private static void assertArrayClose(double[] e, double[] a, double tol) {
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) assertTrue(Close.close(e[i], a[i], 0, tol), "at " + i + ": " + a[i] + " vs " + e[i]);
    }

    @Test
    void softmaxIsAProbabilityVectorAlongItsAxis() {
        qt().withExamples(300).forAll(oneAxis(Range.FINITE, DType.FLOAT32, DType.FLOAT64)).checkAssert(c -> {
            int axis = c.axes[0];
            NdArray p = Reductions.softmax(c.x.mul(20), axis); // spread the logits so some rows saturate
            Close.dtype("softmax", c.x.dtype(), p);
            Close.shape("softmax", c.x.shape(), p);
            for (double v : p.toDoubleArray()) assertTrue(v >= 0 && v <= 1, "softmax value " + v);
            if (c.x.size(axis) == 0) return; // no rows to sum
            NdArray sums = Reductions.sum(p, new int[] {axis}, false);
            double tol = c.x.dtype() == DType.FLOAT32 ? 1e-5 * Math.max(1, c.x.size(axis)) : 1e-12 * Math.max(1, c.x.size(axis));
            for (double s : sums.toDoubleArray()) assertTrue(Math.abs(s - 1) <= tol, "softmax sums to " + s);
        });
    }

    @Test
    void argMaxAndArgMinGiveTheFirstExtremeWithNaNWinning() {
        qt().withExamples(300).forAll(oneAxis(Range.GENERAL), Generate.booleans()).checkAssert((c, isMax) -> {
            int axis = Shapes.norm(c.axes[0], c.x.dim());
            int[] shape = c.x.shape();
            if (shape[axis] == 0) {
                assertThrows(IllegalArgumentException.class, () -> Reductions.argmax(c.x, axis, c.keepdim));
                return;
            }
            boolean[] red = new boolean[shape.length];
            red[axis] = true;
            int[] keep = outShape(shape, red, true);
            Dense in = Dense.read(c.x), best = Dense.zeros(keep), where = Dense.zeros(keep);
            Arrays.fill(where.data, -1);
            int[] idx = new int[shape.length];
            for (int f = 0; f < in.numel(); f++) {
                int o = outFlat(idx, shape, red);
                double v = in.data[f], b = best.data[o];
                boolean better = where.data[o] < 0 || !Double.isNaN(b) && (Double.isNaN(v) || (isMax ? v > b : v < b));
                if (better) { best.data[o] = v; where.data[o] = idx[axis]; }
                Dense.next(idx, shape);
            }
            int[] os = outShape(shape, red, c.keepdim);
            Reductions.ValuesAndIndices r = isMax ? Reductions.maxWithIndices(c.x, axis, c.keepdim) : Reductions.minWithIndices(c.x, axis, c.keepdim);
            Close.dtype("indices", DType.INT64, r.indices());
            Close.exact("indices", new Dense(os, where.data), r.indices());
            Close.exact("values", new Dense(os, best.data), r.values());
        });
    }

    @Test
    void cumsumMatchesARunningSum() {
        qt().withExamples(300).forAll(oneAxis(Range.FINITE)).checkAssert(c -> {
            int axis = Shapes.norm(c.axes[0], c.x.dim());
            int[] shape = c.x.shape();
            Dense in = Dense.read(c.x), expected = Dense.zeros(shape);
            double[] bound = new double[in.numel()];
            DType out = c.x.dtype().isFloating() ? c.x.dtype() : DType.INT64;
            double eps = out == DType.FLOAT32 ? Math.ulp(1f) : out == DType.FLOAT64 ? Math.ulp(1.0) : 0;
            int[] idx = new int[shape.length];
            for (int f = 0; f < in.numel(); f++) {
                double acc = 0, abs = 0;
                int[] j = idx.clone();
                for (j[axis] = 0; j[axis] <= idx[axis]; j[axis]++) { acc += in.at(j); abs += Math.abs(in.at(j)); }
                expected.data[f] = acc;
                bound[f] = (idx[axis] + 2) * eps * abs;
                Dense.next(idx, shape);
            }
            NdArray r = Reductions.cumsum(c.x, axis);
            Close.dtype("cumsum", out, r);
            Close.withinBounds("cumsum", expected, r, bound);
        });
    }

    @Test
    void float32SumsAreBitIdenticalWhateverTheThreadCount() {
        int before = Parallel.threads();
        try {
            qt().withExamples(6).forAll(Generate.range(100_000, 1_000_000)).checkAssert(n -> {
                float[] data = new float[n];
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(n);
                for (int i = 0; i < n; i++) data[i] = (float) (rnd.nextDouble() * 2 - 1);
                NdArray flat = NdArray.of(data), rows = flat.slice(0, 0, n - n % 64).reshape(-1, 64);
                NdArray[][] results = new NdArray[2][];
                for (int k = 0; k < 2; k++) {
                    Parallel.setThreads(k + 1);
                    results[k] = new NdArray[] {flat.sum(), rows.sum(0, false), rows.sum(1, false), rows.mT().sum(0, false),
                        rows.mT().sum(), Reductions.mean(rows, new int[] {0}, false)};
                }
                for (int i = 0; i < results[0].length; i++) {
                    float[] one = results[0][i].toFloatArray(), two = results[1][i].toFloatArray();
                    for (int j = 0; j < one.length; j++) {
                        assertEquals(Float.floatToRawIntBits(one[j]), Float.floatToRawIntBits(two[j]),
                                "sum #" + i + " element " + j + " of " + n + " floats: " + one[j] + " on 1 thread, " + two[j] + " on 2");
                    }
                }
            });
        } finally {
            Parallel.setThreads(before);
        }
    }
}
