package dev.teak.algorithms.demi;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.OptionValues;
import dev.teak.algorithms.run.Progress;
import dev.teak.algorithms.run.RunContext;
import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.data.Splits;
import dev.teak.nn.io.SafeTensors;
import dev.teak.nn.optim.Adam;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The representation study on the UCI digits: two views of each image, y = left half and
 * x = right half, the right half split into N nested column subviews. One pair of encoders is
 * trained with InfoNCE (in-batch negatives, K = batch size) and another, from the same
 * initial weights and on the same batches, with DEMI-N with importance-sampled conditional
 * negatives (no exact conditional sampler exists for images). Frozen features
 * [g(left), f(right)] are then scored by a linear probe on the digit labels (stratified 80/20
 * split), beside raw pixels and the untrained encoders. Checkpoints once per epoch.
 */
final class DigitsStudy {
    private static final String WEIGHTS = "encoders.safetensors";
    private static final int PROBE_STEPS = 500;

    private final RunContext ctx;
    private final OptionValues o;

    DigitsStudy(RunContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options();
    }

    void run() throws IOException {
        DigitsData data = DigitsData.load();
        int[] labels = data.labels();
        Splits.TrainValTest split = Splits.stratified(labels, 0.8, 0, 2024);
        int k = o.getIntList("k").get(0), epochs = o.getInt("epochs"), n = o.getInt("digit-subviews");
        int hidden = o.getInt("hidden"), embed = o.getInt("embed");
        if (k > split.train().length) throw new IllegalArgumentException("--k: " + k + " exceeds the " + split.train().length + " training images");
        String demiKey = "demi_" + n + "_is";
        TwoViewEncoder nce = new TwoViewEncoder(1, hidden, embed, new Generator(ctx.seed() + 11));
        TwoViewEncoder demi = new TwoViewEncoder(n, hidden, embed, new Generator(ctx.seed() + 11));   // same f, g start
        TwoViewEncoder untrained = new TwoViewEncoder(1, hidden, embed, new Generator(ctx.seed() + 11));
        double lr = Math.min(o.getDouble("lr"), 1e-3);
        Adam optNce = new Adam(nce.parameters(), lr), optDemi = new Adam(demi.parameters(), lr);
        Generator gen = new Generator(ctx.seed() + 12);
        Checkpoint ck = ctx.checkpoint();
        if (ck.latest().isPresent()) {
            Checkpoint.Saved s = ck.latest().get();
            Map<String, NdArray> all = SafeTensors.load(s.file(WEIGHTS));
            nce.loadStateDict(prefixed(all, "infonce."), true);
            demi.loadStateDict(prefixed(all, "demi."), true);
            optNce.loadStateDict(prefixed(all, "adam_infonce."));
            optDemi.loadStateDict(prefixed(all, "adam_demi."));
            gen.setState(new Generator.State(s.getLong("gen_seed"), s.getLong("gen_offset")));
        }
        int[] train = split.train();
        long failAt = o.getLong("fail-at");
        try (Progress progress = ctx.progress("digits", ck.nextStep(), epochs)) {
            for (long epoch = ck.nextStep(); epoch < epochs; epoch++) {
                long[] perm = gen.permutation(train.length).toLongArray();
                double sumNce = 0, sumDemi = 0;
                int batches = train.length / k;                 // K = batch size: drop the ragged end
                for (int b = 0; b < batches; b++) {
                    int[] idx = new int[k];
                    for (int i = 0; i < k; i++) idx[i] = train[(int) perm[b * k + i]];
                    NdArray left = data.left(idx), right = data.right(idx);
                    sumNce += trainStep(nce, optNce, left, right) / batches;
                    sumDemi += trainStep(demi, optDemi, left, right) / batches;
                }
                ctx.metrics().log(epoch, "infonce", sumNce, demiKey, sumDemi, "log_k", Math.log(k));
                if (epoch == failAt) throw new IllegalStateException("simulated crash after epoch " + epoch + " (--fail-at)");
                Checkpoint.Writer w = ck.begin(epoch);
                Map<String, NdArray> all = new LinkedHashMap<>();
                put(all, "infonce.", nce.stateDict());
                put(all, "demi.", demi.stateDict());
                put(all, "adam_infonce.", optNce.stateDict());
                put(all, "adam_demi.", optDemi.stateDict());
                SafeTensors.save(w.file(WEIGHTS), all);
                w.commit(Map.of("gen_seed", gen.state().seed(), "gen_offset", gen.state().offset()));
                progress.message(String.format(Locale.ROOT, "infonce %.3f %s %.3f", sumNce, demiKey, sumDemi));
                progress.step();
            }
        }
        int[] test = split.test();
        int[] trY = pick(labels, train), teY = pick(labels, test);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("study", "digits");
        summary.put("k", k);
        summary.put("log_k", Math.log(k));
        summary.put("epochs", epochs);
        summary.put("train_images", train.length);
        summary.put("test_images", test.length);
        summary.put("raw_pixels", Map.of("probe_accuracy",
                LinearProbe.accuracy(data.images(train), trY, data.images(test), teY, 10, PROBE_STEPS, 1)));
        summary.put("untrained_encoder", Map.of("probe_accuracy", probe(untrained, data, train, test, trY, teY)));
        summary.put("infonce", evaluation(nce, data, train, test, trY, teY, k));
        summary.put(demiKey, evaluation(demi, data, train, test, trY, teY, k));
        ctx.plots().metricLines("training.png", "Training bound per epoch (digits, nats)", "nats", false, "infonce", demiKey, "log_k");
        ctx.writeSummary(summary);
    }

    /** One Adam step maximising the model's bound on a batch; returns the bound. */
    private static double trainStep(TwoViewEncoder model, Adam opt, NdArray left, NdArray right) {
        opt.zeroGrad();
        Tensor bound = bound(model, left, right).mean();
        bound.neg().backward();
        opt.step();
        return bound.item();
    }

    /**
     * Per-anchor bound: InfoNCE on the first subview, plus for each later subview the
     * importance-sampled conditional term whose weights come from the earlier terms' scores
     * (their sum estimates log p(y | x_{n-1}) / p(y); see {@link DemiEstimator}).
     */
    static Tensor bound(TwoViewEncoder model, NdArray left, NdArray right) {
        int b = left.shape()[0];
        NdArray order = DemiEstimator.inBatchIndex(b).reshape(b, b);   // positive first in each row
        List<Tensor> mats = model.scoreMatrices(left, right);
        Tensor s0 = mats.get(0).gather(1, order);
        Tensor total = Bounds.infoNce(s0);
        Tensor earlier = s0.detach();
        for (int n = 1; n < mats.size(); n++) {
            Tensor s = mats.get(n).gather(1, order);
            total = total.add(Bounds.importanceSampled(s, Bounds.logWeights(earlier.narrow(1, 1, b - 1))));
            earlier = earlier.add(s.detach());
        }
        return total;
    }

    private Map<String, Object> evaluation(TwoViewEncoder model, DigitsData data, int[] train, int[] test, int[] trY, int[] teY, int k) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("probe_accuracy", probe(model, data, train, test, trY, teY));
        // the bound on held-out batches of K test images (consecutive in the stratified order)
        double sum = 0;
        int batches = test.length / k;
        try (GradMode.Guard g = GradMode.noGrad()) {
            for (int b = 0; b < batches; b++) {
                int[] idx = java.util.Arrays.copyOfRange(test, b * k, b * k + k);
                sum += bound(model, data.left(idx), data.right(idx)).mean().item() / batches;
            }
        }
        r.put("test_bound", sum);
        return r;
    }

    private static double probe(TwoViewEncoder model, DigitsData data, int[] train, int[] test, int[] trY, int[] teY) {
        NdArray ftr, fte;
        try (GradMode.Guard g = GradMode.noGrad()) {
            ftr = model.features(data.left(train), data.right(train)).data();
            fte = model.features(data.left(test), data.right(test)).data();
        }
        return LinearProbe.accuracy(ftr, trY, fte, teY, 10, PROBE_STEPS, 1);
    }

    private static int[] pick(int[] labels, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = labels[idx[i]];
        return out;
    }

    private static void put(Map<String, NdArray> all, String prefix, Map<String, NdArray> state) {
        for (Map.Entry<String, NdArray> e : state.entrySet()) all.put(prefix + e.getKey(), e.getValue());
    }

    private static Map<String, NdArray> prefixed(Map<String, NdArray> all, String prefix) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : all.entrySet()) {
            if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return out;
    }
}
