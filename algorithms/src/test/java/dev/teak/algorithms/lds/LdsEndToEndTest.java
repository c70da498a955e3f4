package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * kNN-LDS on Wine (178 points, 3 classes, 10/10/10 labelled) with a small budget: 3 outer
 * epochs of at most 60 inner steps. Chance is about 40 % (the largest class); the bar is
 * 85 %. The graph must move the way the spec says: the mean theta over same-class pairs minus
 * the mean over different-class pairs grows (labels used for analysis only).
 */
class LdsEndToEndTest {
    @Test void knnLdsOnWineLearnsAndFavoursSameClassPairs() throws Exception {
        NodeTask wine = LdsDatasets.load("wine", 0, null);
        EdgeProbabilities theta0 = KnnGraph.theta(wine.features(), 10, KnnGraph.Metric.COSINE, KnnGraph.Mode.UPPER);
        LdsConfig cfg = LdsConfig.defaults(true, 5, 1.0).withBudget(60, 3, 3);
        GraphClassifier gcn = new GraphClassifier(GraphClassifier.Kind.GCN, wine.featureCount(), 16, wine.classes(), 0.5, 5e-4);
        LdsTrainer.Result r = new LdsTrainer(wine, gcn, cfg).run(theta0, 0, null);
        assertTrue(r.testAccuracy() >= 0.85, "kNN-LDS test accuracy " + r.testAccuracy());
        assertTrue(r.hyperSteps() >= 3, "hypergradient steps taken: " + r.hyperSteps());
        double gapBefore = theta0.sameClassGap(wine.labels()), gapAfter = r.history().isEmpty() ? gapBefore : r.theta().sameClassGap(wine.labels());
        assertTrue(gapAfter > gapBefore, "same-minus-different mean theta: before " + gapBefore + ", after " + gapAfter);
        assertEquals(gapBefore, r.gapBefore(), 1e-15);

        // The MLP and logistic regression baselines run through the same loop without a graph.
        for (GraphClassifier.Kind k : new GraphClassifier.Kind[] {GraphClassifier.Kind.MLP, GraphClassifier.Kind.LOGREG}) {
            GraphClassifier m = new GraphClassifier(k, wine.featureCount(), 16, wine.classes(), 0.5, 5e-4);
            LdsTrainer.Result b = new LdsTrainer(wine, m, cfg.withLearnGraph(false)).run(null, 0, null);
            assertTrue(b.testAccuracy() >= 0.8, k + " test accuracy " + b.testAccuracy());
        }
    }
}
