package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.random.Generator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kNN graphs on hand-checked points, the stratified split, and the shipped data sets. */
class KnnAndSplitTest {
    /** Points 0, 1, 3, 7 on a line, k = 1: nearest of 0 is 1, of 1 is 0, of 3 is 1, of 7 is 3. */
    @Test void knnOnALine() {
        double[][] x = {{0}, {1}, {3}, {7}};
        int[][] nb = KnnGraph.neighbours(x, 1, KnnGraph.Metric.MINKOWSKI);
        assertArrayEquals(new int[] {1}, nb[0]);
        assertArrayEquals(new int[] {0}, nb[1]);
        assertArrayEquals(new int[] {1}, nb[2]);
        assertArrayEquals(new int[] {2}, nb[3]);
        // The reference code's upper mask keeps j in kNN(i) only for j > i: just (0, 1).
        EdgeProbabilities up = KnnGraph.theta(x, 1, KnnGraph.Metric.MINKOWSKI, KnnGraph.Mode.UPPER);
        assertEquals(1, up.expectedEdges());
        assertEquals(1, up.get(0, 1));
        EdgeProbabilities sym = KnnGraph.theta(x, 1, KnnGraph.Metric.MINKOWSKI, KnnGraph.Mode.SYMMETRIC);
        assertEquals(3, sym.expectedEdges());
        assertEquals(1, sym.get(1, 2));
        assertEquals(1, sym.get(2, 3));
    }

    /** Cosine ignores length: (10, 0) is nearer (1, 0.1) than (0.9, 0.9) is. */
    @Test void cosineIgnoresLength() {
        double[][] x = {{1, 0.1}, {10, 0}, {0.9, 0.9}};
        assertArrayEquals(new int[] {1}, KnnGraph.neighbours(x, 1, KnnGraph.Metric.COSINE)[0]);
        assertArrayEquals(new int[] {2}, KnnGraph.neighbours(x, 1, KnnGraph.Metric.MINKOWSKI)[0]);
    }

    @Test void stratifiedSplitIsDisjointAndProportional() {
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) y[i] = i < 50 ? 0 : i < 80 ? 1 : 2;   // 50 / 30 / 20
        int[][] sp = NodeTask.stratifiedSplit(y, 3, new int[] {10, 10, 10}, new Generator(1));
        Set<Integer> seen = new HashSet<>();
        for (int[] set : sp) for (int i : set) assertTrue(seen.add(i), "node " + i + " in two sets");
        assertEquals(100, seen.size());
        for (int s = 0; s < 3; s++) {
            assertEquals(10, sp[s].length);
            int[] count = new int[3];
            for (int i : sp[s]) count[y[i]]++;
            assertArrayEquals(new int[] {5, 3, 2}, count, "set " + s + " keeps the class proportions");
        }
        assertEquals(70, sp[3].length);
    }

    @Test void shippedDataSetsHaveTheirKnownSizes() throws Exception {
        NodeTask wine = LdsDatasets.load("wine", 1, null);
        assertEquals(178, wine.n());
        assertEquals(13, wine.featureCount());
        assertEquals(3, wine.classes());
        assertEquals(10, wine.train().length);
        assertEquals(148, wine.test().length);
        NodeTask cora = LdsDatasets.load("cora", 1, null);
        assertEquals(2708, cora.n());
        assertEquals(1433, cora.featureCount());
        assertEquals(5278, cora.edges().length);
        assertEquals(140, cora.train().length);
        assertEquals(250, cora.val().length);
        assertEquals(250, cora.earlyStop().length);
        assertEquals(1000, cora.test().length);
        double rowSum = 0;
        for (double v : cora.features()[0]) rowSum += v;
        assertEquals(1, rowSum, 1e-12, "row-normalised features");
        NodeTask half = cora.retainEdges(0.5, new Generator(3));
        assertTrue(Math.abs(half.edges().length - 2639) < 4 * Math.sqrt(5278 * 0.25), "about half the edges kept: " + half.edges().length);
    }
}
