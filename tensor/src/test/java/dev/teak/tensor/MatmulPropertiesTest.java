package dev.teak.tensor;

import static dev.teak.tensor.testing.Shapes.draw;
import static dev.teak.tensor.testing.Shapes.oneIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Close;
import dev.teak.tensor.testing.Dense;
import dev.teak.tensor.testing.Shapes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * {@code matmul} with {@code torch.matmul}'s shape rules (2-D, batched with broadcast batch
 * axes, 1-D operands on either side) on random layouts (transposed, strided, stride-0 batch
 * axes) against a float64 triple loop, within the error bound of a float dot product.
 */
class MatmulPropertiesTest {

    record Case(NdArray a, NdArray b) {
        @Override public String toString() { return ArrayGen.describe(a) + "\n  @ " + ArrayGen.describe(b); }
    }

    /** A matrix dimension: mostly 0-9, sometimes up to 70 (past the kernels' blocking). */
    static int dim(RandomnessSource rs) { return oneIn(rs, 8) ? draw(rs, 10, 70) : draw(rs, 0, 9); }

    static NdArray operand(RandomnessSource rs, DType t, int[] shape) {
        return ArrayGen.layout(rs, ArrayGen.values(rs, t, shape, Range.FINITE), t);
    }

    static Gen<Case> cases() {
        Gen<Case> g = rs -> {
            int m = dim(rs), k = dim(rs), n = dim(rs);
            int[][] batch = oneIn(rs, 2) ? new int[][] {{}, {}} : Shapes.broadcastable(2, 0).generate(rs);
            for (int[] bs : batch) if (bs.length > 2) Arrays.fill(bs, 0, bs.length - 2, 1); // keep work small: at most 2 real batch axes
            int kind = draw(rs, 0, 3); // 0: matrix @ matrix, 1: vector @ matrix, 2: matrix @ vector, 3: vector @ vector
            int[] sa = kind == 1 || kind == 3 ? new int[] {k} : concat(batch[0], m, k);
            int[] sb = kind == 2 || kind == 3 ? new int[] {k} : concat(batch[1], k, n);
            DType ta = ArrayGen.floating(rs), tb = oneIn(rs, 4) ? ArrayGen.floating(rs) : ta;
            return new Case(operand(rs, ta, sa), operand(rs, tb, sb));
        };
        return g.describedAs(Case::toString);
    }

    static int[] concat(int[] batch, int r, int c) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }

    @Test
    void matmulMatchesAFloat64TripleLoop() {
        qt().withExamples(300).forAll(cases()).checkAssert(c -> {
            Dense a = Dense.read(c.a), b = Dense.read(c.b);
            // torch.matmul: a 1-D left operand is a row [1, k], a 1-D right operand a column [k, 1]
            boolean vecA = a.rank() == 1, vecB = b.rank() == 1;
            int[] sa = vecA ? new int[] {1, a.shape[0]} : a.shape, sb = vecB ? new int[] {b.shape[0], 1} : b.shape;
            int m = sa[sa.length - 2], k = sa[sa.length - 1], n = sb[sb.length - 1];
            int[] batch = Shapes.broadcast(Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2));
            Dense ma = new Dense(sa, a.data), mb = new Dense(sb, b.data);
            int[] full = concat(batch, m, n);
            Dense expected = Dense.zeros(full);
            double[] bound = new double[expected.numel()];
            DType t = DType.promote(c.a.dtype(), c.b.dtype());
            double eps = t == DType.FLOAT32 ? Math.ulp(1f) : Math.ulp(1.0);
            int[] idx = new int[full.length];
            for (int f = 0; f < expected.numel(); f++) {
                int i = idx[full.length - 2], j = idx[full.length - 1];
                int[] ia = concat(Arrays.copyOf(idx, batch.length), i, 0), ib = concat(Arrays.copyOf(idx, batch.length), 0, j);
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    ia[ia.length - 1] = p;
                    ib[ib.length - 2] = p;
                    double prod = ma.atBroadcast(ia) * mb.atBroadcast(ib);
                    sum += prod;
                    abs += Math.abs(prod);
                }
                expected.data[f] = sum;
                bound[f] = 2 * (k + 1) * eps * abs; // rounding of the products and of k additions in any order
                Dense.next(idx, full);
            }
            int[] outShape = full;
            if (vecA && vecB) outShape = new int[0];
            else if (vecA) outShape = dropAxis(full, full.length - 2);
            else if (vecB) outShape = dropAxis(full, full.length - 1);
            NdArray r = c.a.matmul(c.b);
            Close.dtype("matmul", t, r);
            Close.withinBounds("matmul", new Dense(outShape, expected.data), r, bound);
        });
    }

    static int[] dropAxis(int[] s, int axis) {
        int[] out = new int[s.length - 1];
        for (int d = 0, k = 0; d < s.length; d++) if (d != axis) out[k++] = s[d];
        return out;
    }

    @Test
    void integerOperandsAreRefusedWithAHint() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NdArray.of(new int[] {1, 2}).matmul(NdArray.of(new int[] {3, 4})));
        assertEquals(true, e.getMessage().contains("int32") && e.getMessage().contains("to(DType.FLOAT32)"), e.getMessage());
    }
}
