package dev.teak.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Splits partition the indices, keep class proportions within one sample, and reproduce by seed. */
class SplitsTest {
    /** Random labels in {@code [0, classes)} with skewed class sizes. */
    private static int[] labels(int n, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = Math.min(r.nextInt(classes), r.nextInt(classes));
        return y;
    }

    private static int count(int[] idx, int[] y, int c) {
        int k = 0;
        for (int i : idx) if (y[i] == c) k++;
        return k;
    }

    private static int classSize(int[] y, int c) {
        int k = 0;
        for (int v : y) if (v == c) k++;
        return k;
    }

    private static void assertPartition(int n, int[]... parts) {
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        int[] expect = new int[n];
        for (int i = 0; i < n; i++) expect[i] = i;
        assertArrayEquals(expect, all);
    }

    @Test
    void stratifiedSplitKeepsProportionsWithinOne() {
        qt().withExamples(200).forAll(integers().between(0, 300), integers().between(1, 6), integers().between(0, 100), longs().all())
                .checkAssert((n, classes, trainPct, seed) -> {
                    double train = trainPct / 100.0, val = (100 - trainPct) / 200.0, test = 1 - train - val;
                    int[] y = labels(n, classes, seed);
                    Splits.TrainValTest s = Splits.stratified(y, train, val, seed);
                    assertPartition(n, s.train(), s.validation(), s.test());
                    for (int c = 0; c < classes; c++) {
                        int nc = classSize(y, c);
                        assertTrue(Math.abs(count(s.train(), y, c) - nc * train) <= 1 + 1e-9, "train, class " + c);
                        assertTrue(Math.abs(count(s.validation(), y, c) - nc * val) <= 1 + 1e-9, "validation, class " + c);
                        assertTrue(Math.abs(count(s.test(), y, c) - nc * test) <= 1 + 1e-9, "test, class " + c);
                    }
                    Splits.TrainValTest again = Splits.stratified(y, train, val, seed);
                    assertArrayEquals(s.train(), again.train());
                    assertArrayEquals(s.validation(), again.validation());
                    assertArrayEquals(s.test(), again.test());
                });
    }

    @Test
    void handWorkedStratifiedSplit() {
        // 10 of class 0 and 5 of class 1, 60/20/20: class 0 -> 6/2/2, class 1 -> round(3)/round(1)/1.
        int[] y = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        Splits.TrainValTest s = Splits.stratified(y, 0.6, 0.2, 3);
        assertEquals(9, s.train().length);
        assertEquals(3, s.validation().length);
        assertEquals(3, s.test().length);
        assertEquals(3, count(s.train(), y, 1));
        assertEquals(1, count(s.test(), y, 1));
    }

    @Test
    void kFoldPartitionsWithBalancedSizes() {
        qt().withExamples(200).forAll(integers().between(2, 200), integers().between(2, 12), longs().all()).checkAssert((n, k0, seed) -> {
            int k = Math.min(k0, n);
            for (List<Splits.Fold> folds : List.of(Splits.kFold(n, k), Splits.kFold(n, k, seed))) {
                assertEquals(k, folds.size());
                int[][] tests = folds.stream().map(Splits.Fold::test).toArray(int[][]::new);
                assertPartition(n, tests);
                for (int f = 0; f < k; f++) {
                    Splits.Fold fold = folds.get(f);
                    assertEquals(n / k + (f < n % k ? 1 : 0), fold.test().length); // sklearn's fold sizes
                    assertPartition(n, fold.train(), fold.test());
                }
            }
            assertEquals(Arrays.deepToString(Splits.kFold(n, k, seed).stream().map(Splits.Fold::test).toArray()),
                    Arrays.deepToString(Splits.kFold(n, k, seed).stream().map(Splits.Fold::test).toArray()));
        });
    }

    @Test
    void unshuffledKFoldIsConsecutive() {
        List<Splits.Fold> folds = Splits.kFold(7, 3);
        assertArrayEquals(new int[] {0, 1, 2}, folds.get(0).test());
        assertArrayEquals(new int[] {3, 4}, folds.get(1).test());
        assertArrayEquals(new int[] {5, 6}, folds.get(2).test());
        assertArrayEquals(new int[] {0, 1, 2, 5, 6}, folds.get(1).train());
    }

    @Test
    void stratifiedKFoldSpreadsEachClassWithinOne() {
        qt().withExamples(200).forAll(integers().between(2, 250), integers().between(2, 8), integers().between(1, 5), longs().all())
                .checkAssert((n, k0, classes, seed) -> {
                    int k = Math.min(k0, n);
                    int[] y = labels(n, classes, seed);
                    List<Splits.Fold> folds = Splits.stratifiedKFold(y, k, seed);
                    assertPartition(n, folds.stream().map(Splits.Fold::test).toArray(int[][]::new));
                    int min = Integer.MAX_VALUE, max = 0;
                    for (Splits.Fold f : folds) {
                        assertPartition(n, f.train(), f.test());
                        min = Math.min(min, f.test().length);
                        max = Math.max(max, f.test().length);
                        for (int c = 0; c < classes; c++) {
                            int nc = classSize(y, c);
                            assertTrue(Math.abs(count(f.test(), y, c) - nc / (double) k) < 1, "class " + c);
                        }
                    }
                    assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
                    assertEquals(Arrays.deepToString(folds.stream().map(Splits.Fold::test).toArray()),
                            Arrays.deepToString(Splits.stratifiedKFold(y, k, seed).stream().map(Splits.Fold::test).toArray()));
                });
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(5, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(3, 4));
        assertThrows(IllegalArgumentException.class, () -> Splits.random(10, 0.8, 0.3, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.random(10, -0.1, 0.3, 1));
    }
}
