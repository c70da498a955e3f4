package dev.teak.tensor;

import static dev.teak.tensor.testing.Shapes.draw;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.cpu.Parallel;
import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Close;
import dev.teak.tensor.testing.Dense;
import dev.teak.tensor.testing.Shapes;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The same references as the small-array properties, on arrays of 40 000 - 250 000 elements
 * in strided layouts, so that the loops split across threads (3 here, so chunk edges fall
 * mid-row), the blocked float32 reductions run, and rows of the strided walker start in
 * the middle of a row.
 */
class LargeArrayPropertiesTest {
    private int threadsBefore;

    @BeforeEach void moreThreads() { threadsBefore = Parallel.threads(); Parallel.setThreads(3); }

    @AfterEach void restoreThreads() { Parallel.setThreads(threadsBefore); }

    record Case(NdArray x, NdArray y, int[] axes) {
        @Override public String toString() {
            return "x " + Arrays.toString(x.shape()) + " strides " + Arrays.toString(x.strides()) + " offset " + x.offset()
                    + ", y " + Arrays.toString(y.shape()) + " strides " + Arrays.toString(y.strides()) + ", axes " + Arrays.toString(axes);
        }
    }

    /** A shape of rank 1-4 with 40 000 - 250 000 elements. */
    static int[] largeShape(org.quicktheories.core.RandomnessSource rs) {
        int rank = draw(rs, 1, 4), target = draw(rs, 40_000, 250_000);
        int[] s = new int[rank];
        int rest = target;
        for (int d = 0; d < rank - 1; d++) { s[d] = draw(rs, 2, 40); rest = Math.max(1, rest / s[d]); }
        s[rank - 1] = Math.max(rest, 2);
        int[] perm = Shapes.permutation(rs, rank), out = new int[rank];
        for (int d = 0; d < rank; d++) out[d] = s[perm[d]];
        return out;
    }

    static Gen<Case> cases(DType t) {
        Gen<Case> g = rs -> {
            int[] shape = largeShape(rs);
            NdArray x = ArrayGen.layout(rs, ArrayGen.seededValues(rs, t, shape, Range.FINITE), t);
            int[] small = Shapes.broadcastableTo(rs, shape);
            NdArray y = ArrayGen.layout(rs, ArrayGen.seededValues(rs, t, small, Range.FINITE), t);
            return new Case(x, y, Shapes.axisSet(rs, shape.length));
        };
        return g.describedAs(Case::toString);
    }

    @Test
    void elementwiseOpsAcrossThreads() {
        qt().withExamples(12).forAll(cases(DType.FLOAT32)).checkAssert(c -> {
            Dense x = Dense.read(c.x), y = Dense.read(c.y);
            Close.exact("contiguous", x, c.x.contiguous());
            Close.exact("to float64", x, c.x.to(DType.FLOAT64));
            Close.float32("exp", x.map(Math::exp).as(DType.FLOAT32), c.x.exp());
            Close.float32("sigmoid", x.map(UnaryOp.SIGMOID::apply).as(DType.FLOAT32), c.x.sigmoid());
            Dense sum = Dense.zeros(x.shape), max = Dense.zeros(x.shape), pick = Dense.zeros(x.shape);
            int[] idx = new int[x.rank()];
            for (int f = 0; f < x.numel(); f++) {
                double a = x.data[f], b = y.atBroadcast(idx);
                sum.data[f] = (float) (a + b);
                max.data[f] = Math.max(a, b);
                pick.data[f] = a > 0 ? a : b;
                Dense.next(idx, x.shape);
            }
            Close.exact("x + y", sum, c.x.add(c.y));
            Close.exact("maximum", max, c.x.maximum(c.y));
            Close.exact("where", pick, Elementwise.where(c.x.gt(0), c.x, c.y));
        });
    }

    @Test
    void reductionsAcrossThreads() {
        qt().withExamples(12).forAll(cases(DType.FLOAT32)).checkAssert(c -> {
            int[] shape = c.x.shape();
            boolean[] red = Shapes.reducedMask(c.axes, shape.length);
            int[] keep = shape.clone();
            for (int d = 0; d < keep.length; d++) if (red[d]) keep[d] = 1;
            Dense x = Dense.read(c.x), sum = Dense.zeros(keep), abs = Dense.zeros(keep), max = Dense.zeros(keep);
            Arrays.fill(max.data, Double.NEGATIVE_INFINITY);
            int n = 1;
            for (int d = 0; d < shape.length; d++) if (red[d]) n *= shape[d];
            int[] idx = new int[shape.length];
            for (int f = 0; f < x.numel(); f++) {
                int o = 0;
                for (int d = 0; d < shape.length; d++) o = o * keep[d] + (red[d] ? 0 : idx[d]);
                sum.data[o] += x.data[f];
                abs.data[o] += Math.abs(x.data[f]);
                max.data[o] = Math.max(max.data[o], x.data[f]);
                Dense.next(idx, shape);
            }
            double[] bound = new double[sum.numel()];
            for (int i = 0; i < bound.length; i++) bound[i] = (n + 1) * Math.ulp(1f) * abs.data[i];
            Close.withinBounds("sum", sum, c.x.sum(c.axes, true), bound);
            Close.exact("max", max, Reductions.reduce(ReduceOp.MAX, c.x, c.axes, true));
            int axis = c.axes.length == 0 ? 0 : Shapes.norm(c.axes[0], shape.length);
            Dense cum = Dense.zeros(shape), cumBound = Dense.zeros(shape), arg = Dense.zeros(keepOne(shape, axis));
            Arrays.fill(arg.data, -1);
            Dense best = Dense.zeros(keepOne(shape, axis));
            for (int f = 0; f < x.numel(); f++) {
                int[] prev = idx.clone();
                double before = 0, beforeAbs = 0;
                if (idx[axis] > 0) { prev[axis]--; before = cum.at(prev); beforeAbs = cumBound.at(prev); }
                cum.data[f] = before + x.data[f];
                cumBound.data[f] = beforeAbs + Math.abs(x.data[f]);
                int[] o = idx.clone();
                o[axis] = 0;
                if (arg.at(o) < 0 || x.data[f] > best.at(o)) { arg.set(idx[axis], o); best.set(x.data[f], o); }
                Dense.next(idx, shape);
            }
            double[] cb = new double[cum.numel()];
            for (int i = 0; i < cb.length; i++) cb[i] = (shape[axis] + 1) * Math.ulp(1f) * cumBound.data[i];
            Close.withinBounds("cumsum", cum, Reductions.cumsum(c.x, axis), cb);
            Close.exact("argmax", arg, c.x.argmax(axis, true));
        });
    }

    static int[] keepOne(int[] shape, int axis) {
        int[] k = shape.clone();
        k[axis] = 1;
        return k;
    }
}
