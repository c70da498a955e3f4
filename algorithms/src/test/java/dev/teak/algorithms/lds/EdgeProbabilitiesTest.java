package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.graph.Adjacency;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** Sampler, symmetrisation, projection and normalisation (spec, Tests 3-5). */
class EdgeProbabilitiesTest {
    private static EdgeProbabilities random(int n, long seed) {
        return EdgeProbabilities.fromUpper(new Generator(seed).rand(DType.FLOAT64, n * n).toDoubleArray(), n);
    }

    @Test void samplesAreSymmetricBinaryWithZeroDiagonal() {
        EdgeProbabilities p = random(9, 1);
        Generator gen = new Generator(2);
        for (int s = 0; s < 50; s++) {
            double[] a = p.sample(gen, DType.FLOAT64).toDoubleArray();
            for (int i = 0; i < 9; i++) {
                assertEquals(0, a[i * 9 + i], "diagonal");
                for (int j = 0; j < 9; j++) {
                    assertEquals(a[i * 9 + j], a[j * 9 + i], "symmetric at " + i + "," + j);
                    assertTrue(a[i * 9 + j] == 0 || a[i * 9 + j] == 1, "binary");
                }
            }
        }
    }

    /** The sparse copy of a sampled graph holds exactly the dense sample's entries, and the draw is that of sample(). */
    @Test void sparseCopyOfASampleEqualsTheDenseOne() {
        EdgeProbabilities p = random(11, 5);
        p.set(0, 3, 1);
        p.set(2, 7, 0);
        Generator g1 = new Generator(6), g2 = new Generator(6);
        for (int s = 0; s < 20; s++) {
            EdgeProbabilities.Sample a = p.sampleGraph(g1, DType.FLOAT64);
            double[] dense = a.dense().toDoubleArray();
            assertArrayEquals(dense, a.sparse().toDense().toDoubleArray(), 0, "sample " + s);
            assertArrayEquals(p.sample(g2, DType.FLOAT64).toDoubleArray(), dense, 0, "same draw as sample()");
            assertEquals(1, dense[3]);
            assertEquals(0, dense[2 * 11 + 7]);
            int[] rp = a.sparse().rowPtr(), col = a.sparse().colIdx();
            for (int i = 0; i < 11; i++) for (int e = rp[i] + 1; e < rp[i + 1]; e++) assertTrue(col[e - 1] < col[e], "sorted columns in row " + i);
        }
    }

    /** The mean of 10^4 samples lies within 4 sigma = 4 sqrt(theta (1 - theta) / 10^4) of theta, entry by entry. */
    @Test void empiricalMeanMatchesTheta() {
        int n = 6, s = 10_000;
        EdgeProbabilities p = random(n, 3);
        p.set(0, 1, 0);
        p.set(0, 2, 1);
        Generator gen = new Generator(4);
        double[] sum = new double[n * n];
        for (int k = 0; k < s; k++) {
            double[] a = p.sample(gen, DType.FLOAT64).toDoubleArray();
            for (int i = 0; i < a.length; i++) sum[i] += a[i];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double t = p.get(i, j), mean = sum[i * n + j] / s, sigma = Math.sqrt(t * (1 - t) / s);
                assertTrue(Math.abs(mean - t) <= 4 * sigma + 1e-12, "pair " + i + "," + j + ": mean " + mean + ", theta " + t);
            }
        }
        assertEquals(0, sum[1], "theta = 0 never gives the edge");
        assertEquals(s, sum[2], "theta = 1 always gives the edge");
    }

    @Test void symmetrisedGradientAddsBothEntries() {
        int n = 5;
        double[] g = new Generator(5).randn(DType.FLOAT64, n * n).toDoubleArray();
        double[] out = EdgeProbabilities.symmetrisedGradient(NdArray.of(g, n, n));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double want = j > i ? g[i * n + j] + g[j * n + i] : 0;
                assertEquals(want, out[i * n + j], 0, "entry " + i + "," + j);
            }
        }
    }

    @Test void projectionKeepsThetaInUnitIntervalAndUpperTriangular() {
        int n = 7;
        EdgeProbabilities p = random(n, 6);
        double[] g = new Generator(7).randn(DType.FLOAT64, n * n).mul(3).toDoubleArray();
        double[] before = p.upper();
        p.projectedStep(g, 1.0);
        double[] after = p.upper();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                if (j <= i) {
                    assertEquals(0, after[k], "lower triangle and diagonal stay 0");
                } else {
                    double want = Math.max(0, Math.min(1, before[k] - g[k]));
                    assertEquals(want, after[k], 1e-15, "clip(theta - g) at " + i + "," + j);
                }
            }
        }
        // An entry at 0 with a positive gradient stays at 0; one with a negative gradient moves in.
        p.set(0, 1, 0);
        double[] push = new double[n * n];
        push[1] = 0.5;
        push[2] = -0.25;
        p.set(0, 2, 0);
        p.projectedStep(push, 1.0);
        assertEquals(0, p.get(0, 1));
        assertEquals(0.25, p.get(0, 2), 1e-15);
    }

    /** Path 0-1-2: degrees of A + I are 2, 3, 2, so Ahat = [[1/2, 1/sqrt6, 0], [1/sqrt6, 1/3, 1/sqrt6], [0, 1/sqrt6, 1/2]]. */
    @Test void normalisationOfAPathGraph() {
        NdArray a = NdArray.of(new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0}, 3, 3);
        double r6 = 1 / Math.sqrt(6);
        double[] want = {0.5, r6, 0, r6, 1.0 / 3, r6, 0, r6, 0.5};
        assertArrayEquals(want, new GraphClassifier.Propagation(new Tensor(a)).dense().data().toDoubleArray(), 1e-15);
        // The same as the library's explicit dense normalisation, on a random weighted graph.
        double[] w = new Generator(8).rand(DType.FLOAT64, 16).toDoubleArray();
        double[] sym = new double[16];
        for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) { sym[i * 4 + j] = w[i * 4 + j]; sym[j * 4 + i] = w[i * 4 + j]; }
        Tensor t = new Tensor(NdArray.of(sym, 4, 4));
        assertArrayEquals(Adjacency.gcnNormalized(t).data().toDoubleArray(),
                new GraphClassifier.Propagation(t).dense().data().toDoubleArray(), 1e-14);
    }

    /** The sparse fixed-graph propagation of the baselines equals the dense one. */
    @Test void sparseFixedGraphMatchesDense() {
        EdgeProbabilities p = KnnGraph.theta(new double[][] {{0}, {1}, {3}, {7}, {8}}, 2, KnnGraph.Metric.MINKOWSKI, KnnGraph.Mode.SYMMETRIC);
        NdArray a = p.mean(DType.FLOAT64);
        Tensor y = new Tensor(new Generator(9).randn(DType.FLOAT64, 5, 3));
        assertArrayEquals(new GraphClassifier.Propagation(new Tensor(a)).apply(y).data().toDoubleArray(),
                GraphClassifier.Propagation.fixedSparse(a).apply(y).data().toDoubleArray(), 1e-14);
        // Sparse features give the same X W (bag-of-words sets are stored sparse).
        NdArray x = NdArray.of(new double[] {0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3}, 5, 3);
        NodeFeatures sx = NodeFeatures.of(x, 0.5), dx = NodeFeatures.of(x, 0.1);
        assertTrue(sx.isSparse() && !dx.isSparse());
        Tensor w = new Tensor(new Generator(10).randn(DType.FLOAT64, 3, 2));
        assertArrayEquals(dx.matmul(w).data().toDoubleArray(), sx.matmul(w).data().toDoubleArray(), 1e-15);
    }

    @Test void sameClassShareAndGap() {
        EdgeProbabilities p = new EdgeProbabilities(4);
        p.set(0, 1, 0.5);   // same class (0, 0)
        p.set(2, 3, 0.25);  // same class (1, 1)
        p.set(0, 2, 0.25);  // different
        int[] y = {0, 0, 1, 1};
        assertEquals(0.75, p.sameClassShare(y), 1e-15);
        // same pairs: (0,1) 0.5, (2,3) 0.25 -> mean 0.375; different pairs (4): 0.25 -> mean 0.0625
        assertEquals(0.375 - 0.0625, p.sameClassGap(y), 1e-15);
        assertEquals(1.0, p.expectedEdges(), 1e-15);
    }

    @Test void minDecreaseStopsAfterTheWindow() {
        MinDecrease m = new MinDecrease(0.1, 2, 100);
        assertTrue(!m.update(10));   // best 10
        assertTrue(!m.update(9.5));  // not below 9: since 1
        assertTrue(!m.update(8.9));  // below 9: best 8.9, since 0
        assertTrue(!m.update(8.5));  // not below 8.01: since 1
        assertTrue(m.update(8.2));   // since 2: stop
        assertEquals(5, m.steps());
        MinDecrease cap = new MinDecrease(0, 100, 3);
        assertTrue(!cap.update(3) && !cap.update(2) && cap.update(1), "the step cap ends it");
    }
}
