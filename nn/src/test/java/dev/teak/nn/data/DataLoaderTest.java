package dev.teak.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batching, drop-last, seeded shuffling and sequence padding against hand-worked expectations. */
class DataLoaderTest {
    /** Ten samples: features row i = [10 i, 10 i + 1], label i. */
    private static TensorDataset tens() {
        float[] x = new float[20];
        for (int i = 0; i < 20; i++) x[i] = 10 * (i / 2) + i % 2;
        return new TensorDataset(NdArray.of(x, 10, 2), NdArray.arange(10));
    }

    @Test
    void batchesInOrderKeepingOrDroppingTheShortLast() {
        DataLoader<NdArray[]> loader = DataLoader.of(tens(), 4);
        assertEquals(3, loader.numBatches()); // ceil(10 / 4)
        List<NdArray[]> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertEquals(3, batches.size());
        assertArrayEquals(new long[] {8, 9}, batches.get(2)[1].toLongArray());
        assertArrayEquals(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, batches.get(0)[0].toFloatArray());
        assertArrayEquals(new int[] {4, 2}, batches.get(0)[0].shape());
        DataLoader<NdArray[]> drop = loader.dropLast(true);
        assertEquals(2, drop.numBatches()); // floor(10 / 4)
        int n = 0;
        for (NdArray[] b : drop) { assertEquals(4, b[0].size(0)); n++; }
        assertEquals(2, n);
    }

    @Test
    void shuffledRowsStayPairedWithTheirLabels() {
        for (NdArray[] b : DataLoader.of(tens(), 3).shuffle(7)) {
            long[] y = b[1].toLongArray();
            for (int r = 0; r < y.length; r++) {
                assertEquals(10 * y[r], b[0].getDouble(r, 0));
                assertEquals(10 * y[r] + 1, b[0].getDouble(r, 1));
            }
        }
    }

    @Test
    void gatherWorksOnNonContiguousArrays() {
        NdArray x = NdArray.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3).transpose(0, 1); // rows [0,3] [1,4] [2,5]
        NdArray[] b = new TensorDataset(x).batch(new int[] {2, 0});
        assertArrayEquals(new float[] {2, 5, 0, 3}, b[0].toFloatArray());
    }

    @Test
    void everyEpochIsAPermutationAndSeedsReproduce() {
        qt().withExamples(150).forAll(integers().between(0, 60), integers().between(1, 9), longs().all()).checkAssert((n, bs, seed) -> {
            DataLoader<int[]> loader = DataLoader.of(new RangeDataset(n), bs, DataLoaderTest::toInts).shuffle(seed);
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] seen = new int[n];
                int count = 0;
                for (int[] batch : loader.batchIndices(epoch)) for (int i : batch) { seen[i]++; count++; }
                assertEquals(n, count);
                for (int s : seen) assertEquals(1, s);
            }
            DataLoader<int[]> again = DataLoader.of(new RangeDataset(n), bs, DataLoaderTest::toInts).shuffle(seed);
            for (int epoch = 0; epoch < 3; epoch++) {
                assertArrayEquals(flat(loader.batchIndices(epoch)), flat(again.batchIndices(epoch)));
            }
        });
    }

    @Test
    void epochsDifferAndIterationAdvancesThem() {
        DataLoader<int[]> loader = DataLoader.of(new RangeDataset(50), 50, DataLoaderTest::toInts).shuffle(1);
        int[] e0 = loader.iterator().next(), e1 = loader.iterator().next();
        assertArrayEquals(flat(loader.batchIndices(0)), e0);
        assertArrayEquals(flat(loader.batchIndices(1)), e1);
        assertFalse(Arrays.equals(e0, e1)); // 50! orders: equal by chance with probability ~1e-64
        assertNotEquals(Arrays.toString(flat(DataLoader.of(new RangeDataset(50), 50, DataLoaderTest::toInts).shuffle(2).batchIndices(0))),
                Arrays.toString(e0));
    }

    @Test
    void padsVariableLengthSequences() {
        List<int[]> seqs = List.of(new int[] {5, 6, 7}, new int[] {}, new int[] {8});
        PaddedBatch p = PaddedBatch.pad(seqs, -1);
        assertArrayEquals(new int[] {3, 3}, p.values().shape());
        assertArrayEquals(new long[] {5, 6, 7, -1, -1, -1, 8, -1, -1}, p.values().toLongArray());
        assertArrayEquals(new long[] {3, 0, 1}, p.lengths().toLongArray());
        assertArrayEquals(new boolean[] {true, true, true, false, false, false, true, false, false}, p.mask().toBooleanArray());
        // Through a loader: batches pad to their own longest sequence.
        Dataset<int[]> ds = new Dataset<>() {
            @Override public int size() { return 4; }
            @Override public int[] get(int i) { int[] s = new int[i + 1]; Arrays.fill(s, i); return s; }
        };
        List<PaddedBatch> batches = new ArrayList<>();
        DataLoader.of(ds, 2, (List<int[]> b) -> PaddedBatch.pad(b, 0)).forEach(batches::add);
        assertEquals(2, batches.get(0).maxLength());
        assertEquals(4, batches.get(1).maxLength());
        assertArrayEquals(new long[] {2, 2, 2, 0, 3, 3, 3, 3}, batches.get(1).values().toLongArray());
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(tens(), 0));
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(NdArray.zeros(3, 2), NdArray.zeros(4)));
        assertThrows(IndexOutOfBoundsException.class, () -> tens().get(10));
        assertThrows(IllegalArgumentException.class, () -> PaddedBatch.pad(List.of(), 0));
    }

    private static int[] toInts(List<Integer> xs) { return xs.stream().mapToInt(Integer::intValue).toArray(); }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    /** Sample {@code i} is {@code i}. */
    private record RangeDataset(int size) implements Dataset<Integer> {
        @Override public Integer get(int i) { Dataset.checkIndex(i, size); return i; }
    }
}
