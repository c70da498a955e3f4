package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Reductions.ValuesAndIndices;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * sort, argsort, topk, kthvalue and median against java.util.Arrays on each line: the values
 * against {@code Arrays.sort} of primitives, the indices against a stable object sort of the
 * positions (ties keep their input order).
 */
class SortingTest {
    private static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64};

    /** One line of a row-major array along {@code axis}, at the multi-index {@code at} (axis entry ignored). */
    private static double[] line(double[] v, int[] shape, int axis, int[] at) {
        double[] out = new double[shape[axis]];
        int[] i = at.clone();
        for (int k = 0; k < out.length; k++) { i[axis] = k; out[k] = v[RandomLayouts.flat(shape, i)]; }
        return out;
    }

    /** Stable order of positions: Arrays.sort on objects is a stable merge sort. */
    private static Integer[] stableOrder(double[] line, boolean descending) {
        Integer[] pos = new Integer[line.length];
        for (int k = 0; k < pos.length; k++) pos[k] = k;
        Comparator<Integer> byValue = (a, b) -> Double.compare(line[a], line[b]);
        Arrays.sort(pos, descending ? byValue.reversed() : byValue);
        return pos;
    }

    @Test
    void sortMatchesArraysSortOnEveryLineAndIsStable() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(4), axis = rnd.nextInt(rank);
            int[] shape = RandomLayouts.shape(rnd, rank, 1, 5);
            DType t = TYPES[rnd.nextInt(TYPES.length)];
            boolean desc = rnd.nextBoolean();
            RandomLayouts.Sample x = rnd.nextBoolean() ? RandomLayouts.smallInts(rnd, t, 4, shape)
                    : RandomLayouts.smallInts(rnd, t, 1000, shape);
            ValuesAndIndices s = Sorting.sort(x.array(), rnd.nextBoolean() ? axis : axis - rank, desc);
            assertEquals(t, s.values().dtype());
            assertEquals(DType.INT64, s.indices().dtype());
            double[] vals = s.values().toDoubleArray(), idx = s.indices().toDoubleArray();
            int[] lineShape = shape.clone();
            lineShape[axis] = 1;
            int[] at = new int[rank];
            do {
                double[] in = line(x.values(), shape, axis, at);
                double[] sorted = in.clone();
                Arrays.sort(sorted);
                Integer[] order = stableOrder(in, desc);
                double[] gotV = line(vals, shape, axis, at), gotI = line(idx, shape, axis, at);
                for (int k = 0; k < in.length; k++) {
                    assertEquals(sorted[desc ? in.length - 1 - k : k], gotV[k], 0.0, "value " + k);
                    assertEquals(order[k], (int) gotI[k], "index " + k + " of line " + Arrays.toString(in));
                }
            } while (Shape.increment(at, lineShape));
        });
    }

    @Test
    void nanSortsAboveEveryNumber() {
        NdArray x = NdArray.of(new double[] {3, Double.NaN, 1, Double.NaN, 3});
        ValuesAndIndices up = Sorting.sort(x, 0, false);
        assertArrayEquals(new double[] {1, 3, 3, Double.NaN, Double.NaN}, up.values().toDoubleArray());
        assertArrayEquals(new long[] {2, 0, 4, 1, 3}, up.indices().toLongArray());
        ValuesAndIndices down = Sorting.sort(x, 0, true);
        assertArrayEquals(new long[] {1, 3, 0, 4, 2}, down.indices().toLongArray());
        assertArrayEquals(new long[] {1, 3}, Sorting.topk(x, 2).indices().toLongArray());
    }

    @Test
    void topkKthvalueAndMedianAgreeWithStableOrder() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(3), axis = rnd.nextInt(rank);
            int[] shape = RandomLayouts.shape(rnd, rank, 1, 6);
            int n = shape[axis], k = rnd.nextInt(n + 1), kth = 1 + rnd.nextInt(n);
            boolean largest = rnd.nextBoolean();
            RandomLayouts.Sample x = RandomLayouts.smallInts(rnd, DType.FLOAT32, 5, shape);
            ValuesAndIndices top = Sorting.topk(x.array(), k, axis, largest, true);
            ValuesAndIndices kv = Sorting.kthvalue(x.array(), kth, axis, false);
            ValuesAndIndices med = Sorting.median(x.array(), axis, true);
            int[] topShape = shape.clone(), lineShape = shape.clone();
            topShape[axis] = k;
            lineShape[axis] = 1;
            assertArrayEquals(topShape, top.values().shape());
            assertArrayEquals(lineShape, med.values().shape());
            assertEquals(rank - 1, kv.values().dim());
            double[] tv = top.values().toDoubleArray(), ti = top.indices().toDoubleArray();
            double[] kvv = kv.values().toDoubleArray(), kvi = kv.indices().toDoubleArray();
            double[] mv = med.values().toDoubleArray(), mi = med.indices().toDoubleArray();
            int[] at = new int[rank];
            int l = 0;
            do {
                double[] in = line(x.values(), shape, axis, at);
                Integer[] order = stableOrder(in, largest);
                double[] gotV = line(tv, topShape, axis, at), gotI = line(ti, topShape, axis, at);
                for (int j = 0; j < k; j++) {
                    assertEquals(in[order[j]], gotV[j], 0.0);
                    assertEquals(order[j], (int) gotI[j]);
                }
                Integer[] up = stableOrder(in, false);
                assertEquals(in[up[kth - 1]], kvv[l], 0.0);
                assertEquals(up[kth - 1], (int) kvi[l]);
                assertEquals(in[up[(n - 1) / 2]], mv[l], 0.0, "lower median");
                assertEquals(up[(n - 1) / 2], (int) mi[l]);
                l++;
            } while (Shape.increment(at, lineShape));
        });
    }

    @Test
    void medianHandValuesAndNan() {
        assertEquals(2.0, Sorting.median(NdArray.of(new float[] {4, 1, 2, 3})).item()); // lower median
        NdArray x = NdArray.of(new double[] {5, Double.NaN, 1, 2, 3, 4}, 2, 3);
        ValuesAndIndices m = Sorting.median(x, 1, false);
        assertTrue(Double.isNaN(m.values().getDouble(0)));
        assertEquals(1, m.indices().getLong(0)); // reported at the NaN
        assertEquals(3.0, m.values().getDouble(1));
        assertEquals(1, m.indices().getLong(1));
        assertEquals(2L, Sorting.median(NdArray.of(new long[] {3, 2, 1}), 0, false).values().getLong());
    }

    @Test
    void errorsNameOpShapesAndArgument() {
        NdArray x = NdArray.zeros(2, 3);
        String m = assertThrows(IllegalArgumentException.class, () -> Sorting.topk(x, 4, 1, true, true)).getMessage();
        assertTrue(m.startsWith("topk:") && m.contains("k = 4") && m.contains("size 3") && m.contains("[2, 3]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Sorting.kthvalue(x, 0, 0, false)).getMessage();
        assertTrue(m.startsWith("kthvalue:") && m.contains("k = 0") && m.contains("[2, 3]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Sorting.sort(x, 2, false)).getMessage();
        assertTrue(m.startsWith("sort:") && m.contains("axis 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Sorting.median(NdArray.zeros(2, 0), 1, false)).getMessage();
        assertTrue(m.startsWith("median:") && m.contains("[2, 0]"), m);
    }
}
