package dev.teak.algorithms.iehgcn;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.functional.F;
import dev.teak.nn.metrics.Average;
import dev.teak.nn.metrics.Metrics;
import dev.teak.nn.optim.Adam;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * Full-batch training of a {@link NodeClassifier} on the labelled target nodes: Adam (lr 0.01,
 * L2 weight decay 5e-4, the authors' settings), cross-entropy on the training nodes, and after
 * every epoch an evaluation pass without dropout. The model is selected on validation
 * (Micro-F1, then Macro-F1, then the earlier epoch), not by the paper's hard-coded "best epoch"
 * counts (spec pitfall "no early stopping"); the test scores reported are those of that epoch.
 */
public final class Trainer {
    /** Settings of one training run. */
    public record Config(int epochs, double lr, double weightDecay) {}

    /** Called after each epoch with its training loss, validation Micro-F1 and seconds of training (forward, backward, step). */
    @FunctionalInterface
    public interface EpochListener { void epoch(int epoch, double loss, double valMicroF1, double seconds) throws Exception; }

    /** The selected epoch and its scores; {@code secondsPerEpoch} is the mean training time per epoch. */
    public record Result(int bestEpoch, double valMicroF1, double testMicroF1, double testMacroF1, double secondsPerEpoch) {}

    private Trainer() {}

    /**
     * Trains {@code model} (a {@link Module} that is also a {@link NodeClassifier}); {@code onBest}
     * runs right after an evaluation that became the new best, while the model still holds it.
     */
    public static Result fit(Module model, Split split, Config cfg, Generator gen, EpochListener listener, Runnable onBest) throws Exception {
        if (!(model instanceof NodeClassifier classifier)) throw new IllegalArgumentException("Trainer.fit: " + model.getClass().getSimpleName() + " is not a NodeClassifier");
        Adam opt = new Adam(model.parameters(), cfg.lr(), 0.9, 0.999, 1e-8, cfg.weightDecay(), false);
        NdArray trainIdx = index(split.train()), trainY = index(split.labelsOf(split.train()));
        int[] valY = split.labelsOf(split.val()), testY = split.labelsOf(split.test());
        double bestMicro = -1, bestMacro = -1, bestTestMicro = 0, bestTestMacro = 0, seconds = 0;
        int bestEpoch = -1;
        for (int e = 0; e < cfg.epochs(); e++) {
            long t0 = System.nanoTime();
            model.train();
            Tensor loss = F.crossEntropy(classifier.logits(gen).indexSelect(0, trainIdx), trainY);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            double dt = (System.nanoTime() - t0) / 1e9;
            seconds += dt;
            int[] pred;
            model.eval();
            try (var ng = GradMode.noGrad()) {
                pred = classifier.logits(gen).data().argmax(1, false).toIntArray();
            }
            double valMicro = f1(valY, pred, split.val(), split.numClasses(), Average.MICRO);
            double valMacro = f1(valY, pred, split.val(), split.numClasses(), Average.MACRO);
            if (valMicro > bestMicro || (valMicro == bestMicro && valMacro > bestMacro)) {
                bestMicro = valMicro;
                bestMacro = valMacro;
                bestEpoch = e;
                bestTestMicro = f1(testY, pred, split.test(), split.numClasses(), Average.MICRO);
                bestTestMacro = f1(testY, pred, split.test(), split.numClasses(), Average.MACRO);
                if (onBest != null) onBest.run();
            }
            if (listener != null) listener.epoch(e, loss.item(), valMicro, dt);
        }
        return new Result(bestEpoch, bestMicro, bestTestMicro, bestTestMacro, seconds / cfg.epochs());
    }

    private static double f1(int[] yTrue, int[] predAll, int[] nodes, int numClasses, Average avg) {
        int[] p = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) p[i] = predAll[nodes[i]];
        return Metrics.f1(yTrue, p, numClasses, avg);
    }

    private static NdArray index(int[] a) {
        long[] v = new long[a.length];
        for (int i = 0; i < a.length; i++) v[i] = a[i];
        return NdArray.of(v);
    }
}
