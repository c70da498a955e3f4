package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** gather, scatterAdd and the ops built on them against plain loops, on random layouts and index dtypes. */
class IndexingTest {

    /** A random int64 or int32 index of the given shape with values in [lo, hi), in a random layout. */
    private static RandomLayouts.Sample index(Random rnd, int lo, int hi, int... shape) {
        double[] v = new double[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = lo + rnd.nextInt(hi - lo);
        DType t = rnd.nextBoolean() ? DType.INT64 : DType.INT32;
        return new RandomLayouts.Sample(RandomLayouts.layout(rnd, v, t, shape), v);
    }

    private static int wrap(double i, int size) { return (int) (i < 0 ? i + size : i); }

    @Test
    void gatherMatchesLoop() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(4), axis = rnd.nextInt(rank);
            int[] xShape = RandomLayouts.shape(rnd, rank, 1, 4);
            int[] iShape = new int[rank];
            for (int d = 0; d < rank; d++) iShape[d] = d == axis ? rnd.nextInt(5) : 1 + rnd.nextInt(xShape[d]);
            int size = xShape[axis];
            RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, DType.FLOAT32, xShape);
            RandomLayouts.Sample idx = index(rnd, -size, size, iShape); // negative counts from the end
            NdArray out = Indexing.gather(x.array(), rnd.nextBoolean() ? axis : axis - rank, idx.array());
            assertArrayEquals(iShape, out.shape());
            assertEquals(DType.FLOAT32, out.dtype());
            double[] got = out.toDoubleArray();
            int[] at = new int[rank];
            for (int o = 0; o < got.length; o++, Shape.increment(at, iShape)) {
                int[] src = at.clone();
                src[axis] = wrap(idx.values()[o], size);
                assertEquals(x.values()[RandomLayouts.flat(xShape, src)], got[o], 0.0);
            }
        });
    }

    @Test
    void scatterAddMatchesLoopWithRepeatedIndices() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(3), axis = rnd.nextInt(rank);
            int[] tShape = RandomLayouts.shape(rnd, rank, 1, 3);
            int[] iShape = new int[rank], sShape = new int[rank];
            for (int d = 0; d < rank; d++) {
                iShape[d] = d == axis ? rnd.nextInt(7) : 1 + rnd.nextInt(tShape[d]);
                sShape[d] = iShape[d] + rnd.nextInt(2); // src may be larger than the index
            }
            int size = tShape[axis];
            RandomLayouts.Sample target = RandomLayouts.gaussian(rnd, DType.FLOAT64, tShape);
            RandomLayouts.Sample src = RandomLayouts.gaussian(rnd, DType.FLOAT64, sShape);
            RandomLayouts.Sample idx = index(rnd, 0, size, iShape); // few targets: many repeats
            NdArray before = target.array().copy();
            NdArray out = Indexing.scatterAdd(target.array(), axis, idx.array(), src.array());
            double[] expected = target.values().clone();
            int[] at = new int[rank];
            for (int o = 0; o < Shape.numel(iShape); o++, Shape.increment(at, iShape)) {
                int[] dst = at.clone();
                dst[axis] = (int) idx.values()[o];
                expected[RandomLayouts.flat(tShape, dst)] += src.values()[RandomLayouts.flat(sShape, at)];
            }
            assertArrayEquals(expected, out.toDoubleArray(), 1e-12);
            assertTrue(target.array().contentEquals(before), "scatterAdd must not write into its target");
        });
    }

    @Test
    void scatterAddPromotesAndSumsRepeats() {
        NdArray target = NdArray.of(new int[] {1, 1, 1});
        NdArray out = Indexing.scatterAdd(target, 0, NdArray.of(new long[] {2, 0, 2, 2}), NdArray.of(new float[] {0.5f, 1, 2, 3}));
        assertEquals(DType.FLOAT32, out.dtype());
        assertArrayEquals(new float[] {2, 1, 6.5f}, out.toFloatArray());
    }

    @Test
    void indexSelectAndIndexAddMatchLoops() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(4), axis = rnd.nextInt(rank), k = rnd.nextInt(6);
            int[] xShape = RandomLayouts.shape(rnd, rank, 1, 4);
            int size = xShape[axis];
            RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, DType.FLOAT64, xShape);
            RandomLayouts.Sample idx = index(rnd, -size, size, k);
            int[] selShape = xShape.clone();
            selShape[axis] = k;

            double[] sel = Indexing.indexSelect(x.array(), axis, idx.array()).toDoubleArray();
            assertEquals(Shape.numel(selShape), sel.length);
            int[] at = new int[rank];
            for (int o = 0; o < sel.length; o++, Shape.increment(at, selShape)) {
                int[] src = at.clone();
                src[axis] = wrap(idx.values()[at[axis]], size);
                assertEquals(x.values()[RandomLayouts.flat(xShape, src)], sel[o], 0.0);
            }

            RandomLayouts.Sample add = RandomLayouts.gaussian(rnd, DType.FLOAT64, selShape);
            NdArray sum = Indexing.indexAdd(x.array(), axis, idx.array(), add.array());
            assertArrayEquals(xShape, sum.shape());
            double[] expected = x.values().clone();
            at = new int[rank];
            for (int o = 0; o < add.values().length; o++, Shape.increment(at, selShape)) {
                int[] dst = at.clone();
                dst[axis] = wrap(idx.values()[at[axis]], size);
                expected[RandomLayouts.flat(xShape, dst)] += add.values()[o];
            }
            assertArrayEquals(expected, sum.toDoubleArray(), 1e-12);
        });
    }

    @Test
    void largeRowGathersAndScattersMatchLoops() {
        Random rnd = new Random(11);
        RandomLayouts.Sample table = RandomLayouts.gaussian(rnd, DType.FLOAT32, 3000, 64);
        RandomLayouts.Sample idx = index(rnd, 0, 3000, 1000);
        double[] sel = Indexing.indexSelect(table.array(), 0, idx.array()).toDoubleArray();
        for (int r = 0; r < 1000; r++)
            for (int c = 0; c < 64; c++) assertEquals(table.values()[(int) idx.values()[r] * 64 + c], sel[r * 64 + c], 0.0);
        RandomLayouts.Sample rows = RandomLayouts.gaussian(rnd, DType.FLOAT32, 1000, 64);
        double[] sum = Indexing.indexAdd(table.array(), 0, idx.array(), rows.array()).toDoubleArray();
        float[] expected = new float[3000 * 64];
        for (int i = 0; i < expected.length; i++) expected[i] = (float) table.values()[i];
        for (int r = 0; r < 1000; r++)
            for (int c = 0; c < 64; c++) expected[(int) idx.values()[r] * 64 + c] += (float) rows.values()[r * 64 + c];
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], sum[i], 0.0, "same order of float32 additions");
    }

    @Test
    void takeReadsTheFlatArray() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int[] xShape = RandomLayouts.shape(rnd, 1 + rnd.nextInt(3), 1, 4);
            int n = Shape.numel(xShape);
            RandomLayouts.Sample x = RandomLayouts.smallInts(rnd, DType.INT64, 1000, xShape);
            RandomLayouts.Sample idx = index(rnd, -n, n, RandomLayouts.shape(rnd, rnd.nextInt(3), 0, 3));
            NdArray out = Indexing.take(x.array(), idx.array());
            assertArrayEquals(idx.array().shape(), out.shape());
            double[] got = out.toDoubleArray();
            for (int o = 0; o < got.length; o++) assertEquals(x.values()[wrap(idx.values()[o], n)], got[o], 0.0);
        });
    }

    @Test
    void takeAlongDimWithArgsortSorts() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int rank = 1 + rnd.nextInt(3), axis = rnd.nextInt(rank);
            NdArray x = RandomLayouts.gaussian(rnd, DType.FLOAT32, RandomLayouts.shape(rnd, rank, 1, 5)).array();
            NdArray viaIndex = Indexing.takeAlongDim(x, Sorting.argsort(x, axis, false), axis);
            assertTrue(viaIndex.contentEquals(Sorting.sort(x, axis, false).values()));
        });
    }

    @Test
    void takeAlongDimBroadcasts() {
        NdArray x = NdArray.of(new float[] {10, 11, 12, 20, 21, 22}, 2, 3);
        NdArray idx = NdArray.of(new long[] {2, 0}, 1, 2); // broadcast over the 2 rows
        assertArrayEquals(new float[] {12, 10, 22, 20}, Indexing.takeAlongDim(x, idx, 1).toFloatArray());
        assertEquals(7f, Indexing.gather(NdArray.scalar(7), 0, NdArray.scalar(0, DType.INT64)).item(), 0);
    }

    @Test
    void oneHotMatchesLoop() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int classes = 1 + rnd.nextInt(5);
            int[] shape = RandomLayouts.shape(rnd, rnd.nextInt(3), 1, 4);
            RandomLayouts.Sample idx = index(rnd, 0, classes, shape);
            NdArray out = Indexing.oneHot(idx.array(), classes);
            assertEquals(DType.INT64, out.dtype());
            long[] got = out.toLongArray();
            assertEquals(idx.values().length * classes, got.length);
            for (int o = 0; o < got.length; o++) assertEquals(idx.values()[o / classes] == o % classes ? 1 : 0, got[o]);
        });
        NdArray inferred = Indexing.oneHot(NdArray.of(new long[] {0, 3}), -1);
        assertArrayEquals(new int[] {2, 4}, inferred.shape());
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0, 0, 1}, inferred.toLongArray());
    }

    @Test
    void errorsNameOpShapesAndArgument() {
        NdArray x = NdArray.zeros(2, 3);
        NdArray idx = NdArray.of(new long[] {0, 5, 1, 1}, 2, 2);
        String m = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.gather(x, 1, idx)).getMessage();
        assertTrue(m.startsWith("gather:") && m.contains("index 5") && m.contains("size 3") && m.contains("[2, 3]") && m.contains("[2, 2]"), m);
        m = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.gather(x, 1, NdArray.of(new long[] {-4, 0}, 2, 1))).getMessage();
        assertTrue(m.startsWith("gather:") && m.contains("index -4"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Indexing.gather(x, 1, NdArray.of(new long[] {0, 0}))).getMessage();
        assertTrue(m.startsWith("gather:") && m.contains("rank") && m.contains("[2]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Indexing.gather(x, 1, NdArray.zeros(DType.INT64, 3, 1))).getMessage();
        assertTrue(m.startsWith("gather:") && m.contains("[3, 1]") && m.contains("axis 0"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Indexing.gather(x, 2, NdArray.zeros(DType.INT64, 2, 3))).getMessage();
        assertTrue(m.startsWith("gather:") && m.contains("axis 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Indexing.gather(x, 1, NdArray.zeros(2, 3))).getMessage();
        assertTrue(m.startsWith("gather:") && m.contains("float32"), m);
        m = assertThrows(IndexOutOfBoundsException.class,
                () -> Indexing.scatterAdd(x, 0, NdArray.of(new long[] {2}, 1, 1), NdArray.ones(1, 1))).getMessage();
        assertTrue(m.startsWith("scatterAdd:") && m.contains("index 2") && m.contains("size 2"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Indexing.scatterAdd(x, 0, NdArray.zeros(DType.INT64, 2, 2), NdArray.ones(2, 1))).getMessage();
        assertTrue(m.startsWith("scatterAdd:") && m.contains("[2, 2]") && m.contains("[2, 1]") && m.contains("axis 1"), m);
        m = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.indexSelect(x, 0, NdArray.of(new long[] {0, 2}))).getMessage();
        assertTrue(m.startsWith("indexSelect:") && m.contains("index 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Indexing.indexSelect(x, 0, idx)).getMessage();
        assertTrue(m.startsWith("indexSelect:") && m.contains("1-D") && m.contains("[2, 2]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Indexing.indexAdd(x, 1, NdArray.of(new long[] {0, 1}), NdArray.ones(2, 3))).getMessage();
        assertTrue(m.startsWith("indexAdd:") && m.contains("[2, 3]") && m.contains("[2, 2]"), m);
        m = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.take(x, NdArray.of(new long[] {6}))).getMessage();
        assertTrue(m.startsWith("take:") && m.contains("index 6") && m.contains("size 6"), m);
        m = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.oneHot(NdArray.of(new long[] {1, 3}), 3)).getMessage();
        assertTrue(m.startsWith("oneHot:") && m.contains("3") && m.contains("numClasses"), m);
        m = assertThrows(IndexOutOfBoundsException.class, () -> Indexing.oneHot(NdArray.of(new long[] {-1}), 3)).getMessage();
        assertTrue(m.startsWith("oneHot:") && m.contains("-1"), m);
    }
}
