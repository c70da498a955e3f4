package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** concat, stack, split, chunk and pad against plain loops over row-major doubles, on random layouts. */
class JoiningTest {
    private static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64};

    @Test
    void concatMatchesLoopAndPromotes() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(4), axis = rnd.nextInt(rank), k = 1 + rnd.nextInt(4);
            int[] base = RandomLayouts.shape(rnd, rank, 1, 3);
            NdArray[] parts = new NdArray[k];
            double[][] vals = new double[k][];
            int[][] shapes = new int[k][];
            DType expected = null;
            int total = 0;
            for (int p = 0; p < k; p++) {
                shapes[p] = base.clone();
                shapes[p][axis] = rnd.nextInt(4);
                total += shapes[p][axis];
                DType t = TYPES[rnd.nextInt(TYPES.length)];
                expected = expected == null ? t : DType.promote(expected, t);
                RandomLayouts.Sample s = RandomLayouts.smallInts(rnd, t, 50, shapes[p]);
                parts[p] = s.array();
                vals[p] = s.values();
            }
            int negAxis = rnd.nextBoolean() ? axis : axis - rank;
            NdArray out = Joining.concat(negAxis, parts);
            int[] outShape = base.clone();
            outShape[axis] = total;
            assertArrayEquals(outShape, out.shape());
            assertEquals(expected, out.dtype());
            double[] got = out.toDoubleArray();
            int[] idx = new int[rank];
            for (int o = 0; o < got.length; o++, Shape.increment(idx, outShape)) {
                int p = 0, along = idx[axis];
                while (along >= shapes[p][axis]) along -= shapes[p++][axis];
                int[] src = idx.clone();
                src[axis] = along;
                assertEquals(vals[p][RandomLayouts.flat(shapes[p], src)], got[o], "element " + o);
            }
        });
    }

    @Test
    void splitUndoesConcatWithViews() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(3), axis = rnd.nextInt(rank), k = 1 + rnd.nextInt(4);
            int[] base = RandomLayouts.shape(rnd, rank, 1, 3);
            NdArray[] parts = new NdArray[k];
            int[] sizes = new int[k];
            for (int p = 0; p < k; p++) {
                int[] s = base.clone();
                s[axis] = sizes[p] = rnd.nextInt(3);
                parts[p] = RandomLayouts.gaussian(rnd, DType.FLOAT64, s).array();
            }
            NdArray joined = Joining.concat(axis, parts);
            List<NdArray> back = k == 1 ? List.of(joined) : Joining.split(joined, axis, sizes);
            assertEquals(k, back.size());
            for (int p = 0; p < k; p++) {
                assertTrue(back.get(p).contentEquals(parts[p].contiguous()), "piece " + p);
                assertSame(joined.storage(), back.get(p).storage(), "split returns views");
            }
            // One piece size: every piece has it but the last, and the pieces join back.
            int n = joined.size(axis), size = 1 + rnd.nextInt(3);
            List<NdArray> even = Joining.split(joined, axis, size);
            assertEquals(Math.max(1, (n + size - 1) / size), even.size());
            for (int p = 0; p + 1 < even.size(); p++) assertEquals(size, even.get(p).size(axis));
            assertTrue(Joining.concat(axis, even.toArray(new NdArray[0])).contentEquals(joined));
        });
    }

    @Test
    void stackMatchesLoop() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = rnd.nextInt(4), axis = rnd.nextInt(rank + 1), k = 1 + rnd.nextInt(4);
            int[] shape = RandomLayouts.shape(rnd, rank, 1, 3);
            NdArray[] xs = new NdArray[k];
            double[][] vals = new double[k][];
            for (int p = 0; p < k; p++) {
                RandomLayouts.Sample s = RandomLayouts.gaussian(rnd, DType.FLOAT32, shape);
                xs[p] = s.array();
                vals[p] = s.values();
            }
            NdArray out = Joining.stack(axis, xs);
            int[] outShape = new int[rank + 1];
            for (int d = 0, j = 0; d <= rank; d++) outShape[d] = d == axis ? k : shape[j++];
            assertArrayEquals(outShape, out.shape());
            double[] got = out.toDoubleArray();
            int[] idx = new int[rank + 1];
            for (int o = 0; o < got.length; o++, Shape.increment(idx, outShape)) {
                int[] src = new int[rank];
                for (int d = 0, j = 0; d <= rank; d++) if (d != axis) src[j++] = idx[d];
                assertEquals(vals[idx[axis]][RandomLayouts.flat(shape, src)], got[o], 0.0);
            }
        });
    }

    @Test
    void chunkSizesFollowPyTorch() {
        NdArray x = NdArray.arange(5);
        List<NdArray> c = Joining.chunk(x, 3, 0);
        assertEquals(3, c.size());
        assertArrayEquals(new long[] {0, 1}, c.get(0).toLongArray());
        assertArrayEquals(new long[] {4}, c.get(2).toLongArray());
        assertEquals(3, Joining.chunk(NdArray.arange(6), 4, 0).size()); // ceil(6/4) = 2 per piece: 3 pieces
        assertEquals(4, Joining.chunk(NdArray.zeros(2, 0), 4, 1).size()); // empty axis keeps the count
        assertEquals(1, Joining.split(NdArray.zeros(0), 0, 2).size());
        List<NdArray> seven = Joining.chunk(NdArray.zeros(7, 3), 4, 0); // pieces of 2, 2, 2, 1
        assertEquals(4, seven.size());
        assertArrayEquals(new int[] {1, 3}, seven.get(3).shape());
    }

    @Test
    void padMatchesLoopIncludingCrops() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(4), pairs = 1 + rnd.nextInt(rank);
            int[] shape = RandomLayouts.shape(rnd, rank, 0, 4);
            int[] padding = new int[2 * pairs], before = new int[rank], outShape = shape.clone();
            for (int p = 0; p < pairs; p++) {
                int d = rank - 1 - p;
                int lo = rnd.nextInt(6) - 2, hi = rnd.nextInt(6) - 2;
                if (Math.max(0, -lo) + Math.max(0, -hi) > shape[d]) { lo = Math.abs(lo); hi = Math.abs(hi); }
                padding[2 * p] = lo;
                padding[2 * p + 1] = hi;
                before[d] = lo;
                outShape[d] = shape[d] + lo + hi;
            }
            DType t = rnd.nextBoolean() ? DType.FLOAT64 : DType.INT32;
            RandomLayouts.Sample s = RandomLayouts.smallInts(rnd, t, 9, shape);
            double value = rnd.nextInt(5) - 7;
            NdArray out = Joining.pad(s.array(), padding, value);
            assertArrayEquals(outShape, out.shape());
            assertEquals(t, out.dtype());
            double[] got = out.toDoubleArray();
            int[] idx = new int[rank], src = new int[rank];
            for (int o = 0; o < got.length; o++, Shape.increment(idx, outShape)) {
                boolean inside = true;
                for (int d = 0; d < rank; d++) {
                    src[d] = idx[d] - before[d];
                    inside &= src[d] >= 0 && src[d] < shape[d];
                }
                double expected = inside ? s.values()[RandomLayouts.flat(shape, src)] : value;
                assertEquals(expected, got[o], 0.0, "element " + o + " of padding " + java.util.Arrays.toString(padding));
            }
        });
    }

    @Test
    void errorsNameOpShapesAndArgument() {
        NdArray a = NdArray.zeros(2, 3), b = NdArray.zeros(2, 4), c = NdArray.zeros(2, 3, 1);
        String m = assertThrows(IllegalArgumentException.class, () -> Joining.concat(0, a, b)).getMessage();
        assertTrue(m.startsWith("concat:") && m.contains("[2, 3]") && m.contains("[2, 4]") && m.contains("axis 1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.concat(0, a, c)).getMessage();
        assertTrue(m.startsWith("concat:") && m.contains("[2, 3, 1]") && m.contains("rank"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.concat(2, a, a)).getMessage();
        assertTrue(m.startsWith("concat:") && m.contains("axis 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.concat(0, NdArray.scalar(1), NdArray.scalar(2))).getMessage();
        assertTrue(m.startsWith("concat:") && m.contains("zero-dimensional"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.stack(0, a, b)).getMessage();
        assertTrue(m.startsWith("stack:") && m.contains("[2, 4]") && m.contains("array 1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.stack(3, a, a)).getMessage();
        assertTrue(m.startsWith("stack:") && m.contains("axis 3"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.split(a, 1, 1, 1)).getMessage();
        assertTrue(m.startsWith("split:") && m.contains("[1, 1]") && m.contains("size 3") && m.contains("[2, 3]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.split(a, 1, 0)).getMessage();
        assertTrue(m.startsWith("split:") && m.contains("got 0"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.chunk(a, 0, 0)).getMessage();
        assertTrue(m.startsWith("chunk:") && m.contains("got 0"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.pad(a, new int[] {1, 1, 1})).getMessage();
        assertTrue(m.startsWith("pad:") && m.contains("[1, 1, 1]") && m.contains("[2, 3]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.pad(a, new int[] {-2, -2})).getMessage();
        assertTrue(m.startsWith("pad:") && m.contains("crops 4") && m.contains("size 3"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Joining.pad(NdArray.arange(3), new int[] {1, 1}, 0.5)).getMessage();
        assertTrue(m.startsWith("pad:") && m.contains("int64"), m);
    }

    @Test
    void legacyEmptyArraysAreSkipped() {
        NdArray a = NdArray.of(new float[] {1, 2, 3, 4}, 2, 2);
        NdArray out = Joining.concat(1, NdArray.zeros(0), a, NdArray.zeros(DType.FLOAT64, 0));
        assertArrayEquals(new double[] {1, 2, 3, 4}, out.toDoubleArray());
        assertEquals(DType.FLOAT64, out.dtype());
    }
}
