package dev.teak.algorithms.lds;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.optim.DifferentiableAdam;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The LDS bilevel loop (paper Alg. 1 as the reference code runs it; spec, "Algorithm"), and the
 * baselines through the same path ({@code learnGraph = false}: theta fixed, no hypergradient).
 *
 * <pre>
 * for each outer epoch (until ES accuracy has not improved for `patience` epochs):
 *     w <- fresh Glorot weights; Adam state reset
 *     repeat (inner problem, until min-decrease or maxInnerSteps):
 *         A_t ~ Ber(theta);  w <- Adam step on L(w, A_t)              (recorded)
 *         every tau steps, and at the end:  G = dF/dA (truncated reverse mode, straight-through)
 *                                          theta <- Proj_[0,1](theta - eta_t sym(G)),  eta_t = eta0 / (1 + 1e-3 t)
 *     ES accuracy of the expected output (1/S) sum_s softmax f_w(X, A_s), A_s ~ Ber(theta)
 * report the test accuracy of the epoch with the best ES accuracy
 * </pre>
 */
public final class LdsTrainer {
    /** One outer epoch, for logging. */
    public record Epoch(int epoch, int innerSteps, double innerLoss, double outerLoss, double esAccuracy,
                        double testAccuracy, double expectedEdges, double sameClassShare, double seconds) {}

    /** Receives each outer epoch as it ends. */
    public interface Listener { void epoch(Epoch e) throws Exception; }

    /** The outcome: accuracies at the best early-stopping epoch and the graph statistics. */
    public record Result(double testAccuracy, double esAccuracy, int bestEpoch, int epochs, int hyperSteps,
                         double shareBefore, double shareAfter, double gapBefore, double gapAfter,
                         EdgeProbabilities theta, List<Epoch> history, double seconds) {}

    private final NodeTask task;
    private final GraphClassifier model;
    private final LdsConfig cfg;
    private final NodeFeatures x;
    private final NdArray labels, trainIdx, valIdx;

    public LdsTrainer(NodeTask task, GraphClassifier model, LdsConfig cfg) {
        this.task = task;
        this.model = model;
        this.cfg = cfg;
        // Sparse when at most 10 % of the features are nonzero (bag-of-words sets).
        this.x = NodeFeatures.of(task.featureArray(cfg.dtype()), 0.1);
        this.labels = task.labelArray();
        this.trainIdx = NodeTask.index(task.train());
        this.valIdx = NodeTask.index(task.val());
    }

    /**
     * Trains from {@code theta0} (copied; may be null for a network without a graph) with every
     * random draw (weights, graphs, dropout) from {@code seed}.
     */
    public Result run(EdgeProbabilities theta0, long seed, Listener listener) throws Exception {
        long start = System.nanoTime();
        boolean graph = model.usesGraph();
        if (graph && theta0 == null) throw new IllegalArgumentException("LdsTrainer: the GCN needs an initial theta");
        boolean learn = cfg.learnGraph() && graph;
        EdgeProbabilities theta = graph ? theta0.copy() : null;
        Generator initGen = new Generator(seed), graphGen = new Generator(seed + 7919), dropGen = new Generator(seed + 104729);
        double shareBefore = graph ? theta.sameClassShare(task.labels()) : Double.NaN;
        double gapBefore = graph ? theta.sameClassGap(task.labels()) : Double.NaN;
        List<Epoch> history = new ArrayList<>();
        double bestEs = -1, bestTest = Double.NaN, shareAtBest = shareBefore, gapAtBest = gapBefore;
        EdgeProbabilities thetaAtBest = theta;
        int bestEpoch = -1, sinceBest = 0, hyperSteps = 0;
        for (int epoch = 0; epoch < cfg.maxEpochs(); epoch++) {
            long t0 = System.nanoTime();
            // A fixed graph (baselines) is one propagation for the whole epoch.
            GraphClassifier.Propagation fixed = graph && !learn ? GraphClassifier.Propagation.fixedSparse(theta.sample(graphGen, cfg.dtype())) : null;
            DifferentiableAdam adam = innerOptimizer(cfg);
            UnrolledInner inner = new UnrolledInner(model, x, labels, trainIdx, valIdx, adam, model.initWeights(initGen, cfg.dtype()), learn);
            MinDecrease stop = new MinDecrease(cfg.minDecrease(), cfg.minDecreaseWindow(), cfg.maxInnerSteps());
            double innerLoss, outerSum = 0;
            int outerCount = 0;
            do {
                innerLoss = learn ? inner.step(theta.sampleGraph(graphGen, cfg.dtype()), dropGen) : inner.step(fixed, dropGen);
                boolean done = stop.update(innerLoss);
                if (learn && (inner.windowSteps() == cfg.tau() || done)) {
                    UnrolledInner.Hyper h = inner.hypergradient(theta.sampleGraph(graphGen, cfg.dtype()));
                    double eta = cfg.outerLr() / (1 + cfg.outerDecay() * hyperSteps);
                    theta.projectedStep(EdgeProbabilities.symmetrisedGradient(h.gradA()), eta);
                    hyperSteps++;
                    outerSum += h.outerLoss();
                    outerCount++;
                }
                if (done) break;
            } while (true);
            NdArray probs = learn ? expectedProbabilities(model, x, theta, inner.weights(), cfg.samples(), graphGen, cfg.dtype())
                    : predict(fixed, inner.weights());
            double es = accuracy(probs, task.labels(), task.earlyStop()), test = accuracy(probs, task.labels(), task.test());
            double share = graph ? theta.sameClassShare(task.labels()) : Double.NaN;
            Epoch e = new Epoch(epoch, stop.steps(), innerLoss, outerCount > 0 ? outerSum / outerCount : Double.NaN, es, test,
                    graph ? theta.expectedEdges() : 0, share, (System.nanoTime() - t0) / 1e9);
            history.add(e);
            if (listener != null) listener.epoch(e);
            // Ties go to the later epoch (its graph has learned more); only a strict gain resets patience.
            if (es > bestEs) sinceBest = 0; else sinceBest++;
            if (es >= bestEs) {
                bestEs = es;
                bestTest = test;
                bestEpoch = epoch;
                if (graph) {
                    shareAtBest = share;
                    gapAtBest = theta.sameClassGap(task.labels());
                    thetaAtBest = theta.copy();
                }
            }
            if (sinceBest >= cfg.patience()) break;
        }
        return new Result(bestTest, bestEs, bestEpoch, history.size(), hyperSteps, shareBefore, shareAtBest, gapBefore, gapAtBest,
                thetaAtBest, history, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The inner optimiser: Adam in FAR-HO's form (eps = 1e-5 inside the square root), whose
     * derivative stays bounded where a gradient entry is near 0 (see {@link InnerAdam}).
     */
    static DifferentiableAdam innerOptimizer(LdsConfig cfg) {
        return InnerAdam.create(new Tensor(NdArray.scalar(cfg.innerLr(), cfg.dtype())));
    }

    private NdArray predict(GraphClassifier.Propagation prop, List<Tensor> w) {
        try (var ng = GradMode.noGrad()) {
            return GraphClassifier.probabilities(model.logits(x, prop, w, null));
        }
    }

    /**
     * The expected-output prediction {@code (1/S) sum_s softmax(f_w(X, A_s))}, {@code A_s ~ Ber(theta)}
     * (spec, "Prediction"; the paper's f_w ends in a softmax, so probabilities are averaged).
     */
    public static NdArray expectedProbabilities(GraphClassifier model, NodeFeatures x, EdgeProbabilities theta, List<Tensor> w,
                                                int samples, Generator gen, DType dtype) {
        try (var ng = GradMode.noGrad()) {
            NdArray sum = null;
            for (int s = 0; s < samples; s++) {
                EdgeProbabilities.Sample a = theta.sampleGraph(gen, dtype);
                NdArray p = GraphClassifier.probabilities(model.logits(x, new GraphClassifier.Propagation(new Tensor(a.dense()), a.sparse()), w, null));
                sum = sum == null ? p : sum.add(p);
            }
            return sum.div(samples);
        }
    }

    /** Share of {@code nodes} whose most probable class is their label. */
    public static double accuracy(NdArray probs, int[] labels, int[] nodes) {
        if (nodes.length == 0) return Double.NaN;
        long[] pred = probs.argmax(1, false).to(DType.INT64).toLongArray();
        int hit = 0;
        for (int i : nodes) if (pred[i] == labels[i]) hit++;
        return (double) hit / nodes.length;
    }
}
