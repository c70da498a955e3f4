package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected-output estimator {@code (1/S) sum_s softmax f_w(X, A_s)} against exact
 * enumeration on a 3-node graph (spec, Test 6): the three pairs give 2^3 = 8 graphs, each
 * weighted by {@code prod theta^e (1 - theta)^(1 - e)}.
 */
class ExpectedOutputTest {
    @Test void sampleMeanMatchesEnumeration() {
        int n = 3, f = 2, c = 3, s = 4000;
        GraphClassifier model = new GraphClassifier(GraphClassifier.Kind.GCN, f, 4, c, 0.5, 0);
        List<Tensor> w = model.initWeights(new Generator(1), DType.FLOAT64);
        // Scale the weights up so that the output depends strongly on the graph.
        w = List.of(new Tensor(w.get(0).data().mul(4)), new Tensor(w.get(1).data().mul(4)));
        NodeFeatures x = NodeFeatures.dense(new Tensor(NdArray.of(new double[] {1, 0, 0, 1, -1, 0.5}, n, f)));
        EdgeProbabilities theta = new EdgeProbabilities(n);
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        double[] t = {0.3, 0.6, 0.85};
        for (int k = 0; k < 3; k++) theta.set(pairs[k][0], pairs[k][1], t[k]);

        double[] mean = new double[n * c], second = new double[n * c];
        double totalWeight = 0;
        for (int mask = 0; mask < 8; mask++) {
            double[] a = new double[n * n];
            double weight = 1;
            for (int k = 0; k < 3; k++) {
                boolean on = (mask >> k & 1) == 1;
                weight *= on ? t[k] : 1 - t[k];
                if (on) { a[pairs[k][0] * n + pairs[k][1]] = 1; a[pairs[k][1] * n + pairs[k][0]] = 1; }
            }
            double[] p;
            try (var ng = GradMode.noGrad()) {
                p = GraphClassifier.probabilities(model.logits(x, new GraphClassifier.Propagation(new Tensor(NdArray.of(a, n, n))), w, null)).toDoubleArray();
            }
            for (int i = 0; i < p.length; i++) { mean[i] += weight * p[i]; second[i] += weight * p[i] * p[i]; }
            totalWeight += weight;
        }
        assertEquals(1, totalWeight, 1e-12, "the 8 configurations' probabilities sum to 1");

        double[] est = LdsTrainer.expectedProbabilities(model, x, theta, w, s, new Generator(9), DType.FLOAT64).toDoubleArray();
        double spread = 0;
        for (int i = 0; i < est.length; i++) {
            double sigma = Math.sqrt(Math.max(0, second[i] - mean[i] * mean[i]) / s);
            spread = Math.max(spread, sigma);
            assertTrue(Math.abs(est[i] - mean[i]) <= 4 * sigma + 1e-12, "entry " + i + ": estimate " + est[i] + ", exact " + mean[i] + ", sigma " + sigma);
        }
        assertTrue(spread > 1e-4, "the graph should matter in this test (largest sigma " + spread + ")");
        for (int r = 0; r < n; r++) assertEquals(1, est[r * c] + est[r * c + 1] + est[r * c + 2], 1e-12, "row " + r + " sums to 1");
    }
}
