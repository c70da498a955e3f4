package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The straight-through hypergradient is a descent direction of the sampled validation loss
 * (the diagnostic behind the Digits investigation, on Wine to stay fast): with the weights
 * held fixed after a few inner steps, a small projected step of theta along {@code -G}
 * (G = the mean of 8 straight-through gradients) lowers {@code E_A[F(w, A)]}, estimated with
 * common random numbers (the same uniforms for both thetas, so only the flipped edges differ)
 * over 200 graphs, by more than 3 standard errors.
 */
class DescentDirectionTest {
    @Test void smallStepAlongMinusTheHypergradientLowersTheSampledValidationLoss() throws Exception {
        NodeTask wine = LdsDatasets.load("wine", 0, null);
        int n = wine.n();
        EdgeProbabilities theta = KnnGraph.theta(wine.features(), 10, KnnGraph.Metric.COSINE, KnnGraph.Mode.UPPER);
        GraphClassifier gcn = new GraphClassifier(GraphClassifier.Kind.GCN, wine.featureCount(), 16, wine.classes(), 0.5, 5e-4);
        NodeFeatures x = NodeFeatures.dense(new Tensor(wine.featureArray(DType.FLOAT64)));
        NdArray labels = wine.labelArray(), val = NodeTask.index(wine.val());
        LdsConfig cfg = LdsConfig.defaults(true, 5, 1.0).withDtype(DType.FLOAT64);
        UnrolledInner inner = new UnrolledInner(gcn, x, labels, NodeTask.index(wine.train()), val,
                LdsTrainer.innerOptimizer(cfg), gcn.initWeights(new Generator(1), DType.FLOAT64), false);
        Generator graphs = new Generator(2), drop = new Generator(3);
        for (int s = 0; s < 8; s++) inner.step(theta.sample(graphs, DType.FLOAT64), drop);
        List<Tensor> w = inner.weights();

        double[] g = new double[n * n];
        for (int s = 0; s < 8; s++) {
            Tensor a = new Tensor(theta.sample(graphs, DType.FLOAT64), true);
            Tensor f = gcn.loss(gcn.logits(x, new GraphClassifier.Propagation(a), w, null), labels, val, w, false);
            double[] gs = EdgeProbabilities.symmetrisedGradient(Autograd.grad(new Tensor[] {f}, new Tensor[] {a}, null, false, false)[0].data());
            for (int k = 0; k < g.length; k++) g[k] += gs[k] / 8;
        }
        double[] before = theta.upper();
        EdgeProbabilities stepped = theta.copy();
        stepped.projectedStep(g, 0.05);
        double[] after = stepped.upper();

        int draws = 200;
        double sum = 0, sum2 = 0;
        for (int r = 0; r < draws; r++) {
            double d = outer(gcn, x, labels, val, w, crn(before, n, 100 + r)) - outer(gcn, x, labels, val, w, crn(after, n, 100 + r));
            sum += d;
            sum2 += d * d;
        }
        double mean = sum / draws, se = Math.sqrt((sum2 / draws - mean * mean) / draws);
        assertTrue(mean > 3 * se, "E[F] should fall along -G: drop " + mean + " +- " + se);
    }

    /** {@code A = sym(floor(U + theta))} with one uniform for every pair from the seed: common random numbers across thetas. */
    private static NdArray crn(double[] theta, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double e = Math.floor(r.nextDouble() + theta[i * n + j]);
                a[i * n + j] = e;
                a[j * n + i] = e;
            }
        }
        return NdArray.of(a, n, n);
    }

    private static double outer(GraphClassifier gcn, NodeFeatures x, NdArray labels, NdArray val, List<Tensor> w, NdArray a) {
        try (var ng = GradMode.noGrad()) {
            return gcn.loss(gcn.logits(x, new GraphClassifier.Propagation(new Tensor(a)), w, null), labels, val, w, false).item();
        }
    }
}
