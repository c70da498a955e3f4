package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Target-feature scaling (hand-computed), IMDB's labels and splits against the data README, and
 * the scale bug that kept IMDB at chance: with rows scaled to sum 1, a movie's ~11 words of
 * weight 1/11 met Xavier weights sized for 5927 inputs, so its own message was about 20 times
 * weaker than the messages of the random-feature types around it and the model ignored it.
 */
class HinDataTest {
    private static CsrMatrix toy() {
        // [[1, 0], [1, 2], [0, 0]]
        return CsrMatrix.fromCoo(3, 2, new int[] {0, 1, 1}, new int[] {0, 0, 1}, new double[] {1, 1, 2}, false);
    }

    @Test void columnStandardisationDividesByThePopulationStd() {
        // column 0: 1, 1, 0 -> mean 2/3, var 2/3 - 4/9 = 2/9; column 1: 0, 2, 0 -> mean 2/3, var 4/3 - 4/9 = 8/9
        double s0 = Math.sqrt(2.0 / 9), s1 = Math.sqrt(8.0 / 9);
        CsrMatrix x = NodeFeatures.givenSparse(toy(), NodeFeatures.Scaling.COLUMN_STD).sparse();
        assertArrayEquals(new double[] {1 / s0, 0, 1 / s0, 2 / s1, 0, 0}, x.toDense().toDoubleArray(), 1e-12);
    }

    @Test void rowScalingsOnAHandExample() {
        assertArrayEquals(new double[] {1, 0, 1 / 3.0, 2 / 3.0, 0, 0},
                NodeFeatures.givenSparse(toy(), NodeFeatures.Scaling.ROW).sparse().toDense().toDoubleArray(), 1e-7);
        double r5 = Math.sqrt(5);
        assertArrayEquals(new double[] {1, 0, 1 / r5, 2 / r5, 0, 0},
                NodeFeatures.givenSparse(toy(), NodeFeatures.Scaling.ROW_L2).sparse().toDense().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 1, 2, 0, 0},
                NodeFeatures.givenSparse(toy(), NodeFeatures.Scaling.NONE).sparse().toDense().toDoubleArray(), 0);
    }

    @Test void imdbLabelsAndSplitsMatchTheReadme() throws Exception {
        HinData.Dataset d = HinData.load("imdb", null, 20, false, 8, new Generator(1));
        Split s = d.split();
        assertEquals(3, s.numClasses());
        int[] counts = new int[3];
        for (int y : s.labels()) counts[y]++;
        assertArrayEquals(new int[] {1112, 1594, 1569}, counts, "labels 1/2/3 of the README become classes 0/1/2");
        int[] perClass = new int[3];
        for (int y : s.labelsOf(s.train())) perClass[y]++;
        assertArrayEquals(new int[] {20, 20, 20}, perClass);
        Set<Integer> seen = new HashSet<>();
        for (int[] part : new int[][] {s.train(), s.val(), s.test()}) for (int i : part) assertTrue(seen.add(i), "node " + i + " is in two parts");
        assertEquals(2060, seen.size());
        HeteroGraph g = d.graph();
        assertEquals(4275, g.count("M"));
        assertEquals(5432, g.count("A"));
        assertEquals(2083, g.count("D"));
        assertEquals(7313, g.count("K"));
    }

    /** Mean over nodes of the Euclidean norm of layer 0's messages to the movies: Self first, then each neighbour type. */
    private static double[] messageNorms(String set, NodeFeatures.Scaling scaling) throws Exception {
        HinData.Dataset d = HinData.load(set, null, 20, scaling, false, 128, new Generator(2));
        HeteroGraph g = d.graph();
        Map<String, Integer> dims = new java.util.HashMap<>();
        for (String t : g.types()) dims.put(t, g.features(t).dim());
        IeHgcnLayer layer = new IeHgcnLayer(g, dims, 64, 64, IeHgcnLayer.Fusion.MEAN, 0, new Generator(3));
        IeHgcnLayer.TypeBlock block = (IeHgcnLayer.TypeBlock) layer.namedChildren().get(g.target());
        double[] norms = new double[1 + g.neighbours(g.target()).size()];
        try (var ng = GradMode.noGrad()) {
            norms[0] = meanRowNorm(g.features(g.target()).input(null).project(block.self.get()));
            int k = 1;
            for (String t : g.neighbours(g.target())) {
                Tensor y = g.features(t).input(null).project(block.rel.get(t).get());
                norms[k++] = meanRowNorm(new Tensor(g.adjacency(g.target(), t).matmul(y.data())));
            }
        }
        return norms;
    }

    private static double neighbourMean(double[] norms) {
        double s = 0;
        for (int k = 1; k < norms.length; k++) s += norms[k] / (norms.length - 1);
        return s;
    }

    private static double meanRowNorm(Tensor z) {
        NdArray x = z.data();
        return x.mul(x).sum(1, false).sqrt().mean().item();
    }

    @Test void theDefaultScalingKeepsTheMoviesOwnMessageAsStrongAsItsNeighbours() throws Exception {
        double[] def = messageNorms("imdb", HinData.defaultScaling("imdb"));
        double[] row = messageNorms("imdb", NodeFeatures.Scaling.ROW);
        assertTrue(def[0] > neighbourMean(def), "default: self " + def[0] + " against neighbours " + neighbourMean(def));
        assertTrue(row[0] < neighbourMean(row) / 3, "rows summing to 1 shrink the movie's own message: self " + row[0] + " against " + neighbourMean(row));
    }

    /** ACM ships frequencies (rows summing to 1): used as stored, a paper's own message is over 10 times weaker than its neighbours'. */
    @Test void acmsDefaultScalingLiftsThePapersOwnMessage() throws Exception {
        double[] def = messageNorms("acm", HinData.defaultScaling("acm"));
        double[] stored = messageNorms("acm", NodeFeatures.Scaling.NONE);
        assertTrue(stored[0] < neighbourMean(stored) / 10, "stored: self " + stored[0] + " against " + neighbourMean(stored));
        assertTrue(def[0] > 5 * stored[0] && def[0] > neighbourMean(def) / 4,
                "default: self " + def[0] + " against " + neighbourMean(def) + " (stored " + stored[0] + ")");
    }
}
