package dev.teak.algorithms.snn;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.optim.Optimizer;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;

/**
 * Mini-batch training and evaluation of the DNN and the spiking networks on encoded sentences.
 * The spiking networks see Bernoulli spikes of the shifted table (spec section 5): at each of
 * {@code T} steps a word's component {@code k} fires with probability {@code v_k}, drawn as
 * {@code u < v} with uniform {@code u}, so the padding ({@code v = 0}) never fires.
 */
public final class SnnTrainer {
    /** Sentences as padded token ids {@code [N][L]} with labels. */
    public record Encoded(int[][] ids, int[] labels) {
        public int size() { return labels.length; }
    }

    /** Accuracy, scores {@code [N][C]} and (spiking only) the mean input firing rate per layer. */
    public record Evaluation(double accuracy, double[][] scores, double[] inputRates) {}

    private SnnTrainer() {}

    public static Encoded encode(TextData.Labelled data, Vocabulary vocab, int length) {
        int[][] ids = new int[data.size()][];
        for (int i = 0; i < ids.length; i++) ids[i] = vocab.encode(data.sentences().get(i), length);
        return new Encoded(ids, data.labels().clone());
    }

    /** One epoch of the DNN with cross-entropy; the batch order is a permutation seeded by {@code orderSeed}. Returns the mean loss. */
    public static double dnnEpoch(TextCnn model, EmbeddingShift embed, Encoded train, Optimizer opt, int batch, long orderSeed) {
        model.train();
        embed.train();
        int[] order = TextData.permutation(train.size(), orderSeed);
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batch) {
            int[][] ids = rows(train.ids(), order, start, batch);
            Tensor loss = F.crossEntropy(model.forward(embed.forward(ids)), labels(train.labels(), order, start, batch));
            opt.zeroGrad();
            loss.backward();
            opt.step();
            sum += loss.item();
            batches++;
        }
        return sum / Math.max(1, batches);
    }

    public static Evaluation evalDnn(TextCnn model, EmbeddingShift embed, Encoded data) {
        model.eval();
        embed.eval();
        double[][] scores = new double[data.size()][];
        try (var g = GradMode.noGrad()) {
            for (int start = 0; start < data.size(); start += 256) {
                int end = Math.min(data.size(), start + 256);
                int[][] ids = java.util.Arrays.copyOfRange(data.ids(), start, end);
                copyRows(model.forward(embed.forward(ids)).data(), scores, start);
            }
        }
        return new Evaluation(accuracy(scores, data.labels()), scores, null);
    }

    /** Bernoulli spikes {@code [T, N, L, d]} of the rows of {@code table} for {@code ids}. */
    public static NdArray spikes(float[] table, int d, int[][] ids, int steps, Generator gen) {
        NdArray v = EmbeddingShift.lookup(table, d, ids);
        NdArray u = gen.rand(DType.FLOAT32, steps, ids.length, ids[0].length, d);
        return u.lt(v.unsqueeze(0)).to(DType.FLOAT32);
    }

    /**
     * Bernoulli spikes {@code [T, N, L, d]} whose backward pass reaches the table (straight-through
     * estimator, Bengio et al. 2013): the forward value is exactly the spike {@code s = [u < v]},
     * the gradient is that of {@code v}, summed over the steps:
     * <pre>
     *   x_t = s_t + (v - sg(v))        so  x_t = s_t  and  dx_t/dv = 1
     * </pre>
     * The directly trained SNN uses this to tune its own table, as the DNN tunes its own.
     */
    public static Tensor straightThroughSpikes(EmbeddingShift embed, int[][] ids, int steps, Generator gen) {
        Tensor v = embed.forward(ids);
        NdArray u = gen.rand(DType.FLOAT32, steps, ids.length, ids[0].length, embed.dim());
        Tensor s = new Tensor(u.lt(v.data().unsqueeze(0)).to(DType.FLOAT32));
        return s.add(v.sub(v.detach()).unsqueeze(0));
    }

    /** One epoch of BPTT through {@code T} steps with the rate loss, on {@code limit} random training sentences (0 = all). */
    public static double snnEpoch(SpikingTextCnn snn, float[] table, int d, Encoded train, Optimizer opt, int batch, int steps,
                                  long seed, double clip, int limit) {
        return snnEpoch(snn, table, null, d, train, opt, batch, steps, seed, clip, limit);
    }

    /**
     * As above; with a trainable {@code embed} (not null) the spikes come from its table through
     * {@link #straightThroughSpikes}, so the optimiser (which must hold the table) tunes it too.
     */
    public static double snnEpoch(SpikingTextCnn snn, float[] table, EmbeddingShift embed, int d, Encoded train, Optimizer opt,
                                  int batch, int steps, long seed, double clip, int limit) {
        snn.train();
        if (embed != null) embed.train();
        int[] order = TextData.permutation(train.size(), seed);
        if (limit > 0 && limit < order.length) order = java.util.Arrays.copyOf(order, limit);
        Generator gen = new Generator(seed);
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batch) {
            int[][] ids = rows(train.ids(), order, start, batch);
            Tensor in = embed == null ? new Tensor(spikes(table, d, ids, steps, gen)) : straightThroughSpikes(embed, ids, steps, gen);
            Tensor out = snn.forward(in).spikes();
            Tensor loss = SpikingTextCnn.rateLoss(out, labels(train.labels(), order, start, batch));
            opt.zeroGrad();
            loss.backward();
            if (clip > 0) dev.teak.nn.optim.GradClip.clipGradNorm(opt.parameters(), clip);
            opt.step();
            sum += loss.item();
            batches++;
        }
        return sum / Math.max(1, batches);
    }

    /** Spike-count scores and accuracy; batch {@code b} draws its spikes from a generator seeded {@code seed + b}. */
    public static Evaluation evalSnn(SpikingTextCnn snn, float[] table, int d, Encoded data, int steps, long seed) {
        snn.eval();
        double[][] scores = new double[data.size()][];
        double[] rates = new double[3];
        int batch = 64, b = 0;
        try (var g = GradMode.noGrad()) {
            for (int start = 0; start < data.size(); start += batch, b++) {
                int end = Math.min(data.size(), start + batch);
                int[][] ids = java.util.Arrays.copyOfRange(data.ids(), start, end);
                SpikingTextCnn.Output out = snn.forward(new Tensor(spikes(table, d, ids, steps, new Generator(seed + b))));
                copyRows(out.counts().data(), scores, start);
                for (int l = 0; l < 3; l++) rates[l] += out.inputRates()[l] * (end - start);
            }
        }
        for (int l = 0; l < 3; l++) rates[l] /= Math.max(1, data.size());
        return new Evaluation(accuracy(scores, data.labels()), scores, rates);
    }

    /**
     * Accuracy averaged over {@code draws} independent spike draws (draw {@code k} seeded
     * {@code seed + 100003 k}, each as {@link #evalSnn}): the expected accuracy under the
     * Bernoulli code, estimated with a standard error {@code sd / sqrt(draws)}. One draw at
     * {@code T = 20} moves a network's accuracy by about half a point, as much as the gaps
     * between the spiking networks. The scores are the spike counts summed over the draws, the
     * input rates their mean; {@code accuracySd} is the standard deviation of one draw's accuracy.
     */
    public static Draws evalSnnDraws(SpikingTextCnn snn, float[] table, int d, Encoded data, int steps, long seed, int draws) {
        if (draws < 1) throw new IllegalArgumentException("SnnTrainer.evalSnnDraws: draws must be >= 1, got " + draws);
        double sum = 0, sum2 = 0;
        double[] rates = new double[3];
        double[][] scores = null;
        for (int k = 0; k < draws; k++) {
            Evaluation ev = evalSnn(snn, table, d, data, steps, seed + 100_003L * k);
            sum += ev.accuracy();
            sum2 += ev.accuracy() * ev.accuracy();
            for (int l = 0; l < 3; l++) rates[l] += ev.inputRates()[l] / draws;
            if (scores == null) scores = ev.scores();
            else for (int i = 0; i < scores.length; i++) for (int c = 0; c < scores[i].length; c++) scores[i][c] += ev.scores()[i][c];
        }
        double mean = sum / draws;
        double sd = draws < 2 ? 0 : Math.sqrt(Math.max(0, (sum2 - draws * mean * mean) / (draws - 1)));
        return new Draws(new Evaluation(mean, scores, rates), sd);
    }

    /** {@link #evalSnnDraws}: the mean over draws and the standard deviation of one draw's accuracy. */
    public record Draws(Evaluation mean, double accuracySd) {}

    /**
     * Spike counts for the attack: one uniform draw {@code u [T, 1, L, d]} from {@code noiseSeed}
     * shared by every sentence of the query, so repeated queries of a sentence see the same noise.
     */
    public static double[][] snnScoresFixedNoise(SpikingTextCnn snn, float[] table, int d, int[][] ids, int steps, long noiseSeed) {
        snn.eval();
        NdArray u = new Generator(noiseSeed).rand(DType.FLOAT32, steps, 1, ids[0].length, d);
        double[][] scores = new double[ids.length][];
        try (var g = GradMode.noGrad()) {
            for (int start = 0; start < ids.length; start += 32) {
                int[][] part = java.util.Arrays.copyOfRange(ids, start, Math.min(ids.length, start + 32));
                NdArray v = EmbeddingShift.lookup(table, d, part).unsqueeze(0);
                NdArray s = u.lt(v).to(DType.FLOAT32);
                copyRows(snn.forward(new Tensor(s)).counts().data(), scores, start);
            }
        }
        return scores;
    }

    public static double accuracy(double[][] scores, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) if (WordSubstitutionAttack.argmax(scores[i]) == labels[i]) ok++;
        return ok / (double) Math.max(1, labels.length);
    }

    /** The {@code q}-quantile of all values of the tensors (for data-based normalisation). */
    public static double quantile(List<NdArray> values, double q) {
        int n = 0;
        for (NdArray a : values) n += a.numel();
        float[] all = new float[n];
        int o = 0;
        for (NdArray a : values) {
            float[] v = a.toFloatArray();
            System.arraycopy(v, 0, all, o, v.length);
            o += v.length;
        }
        java.util.Arrays.sort(all);
        return n == 0 ? 1 : all[Math.min(n - 1, (int) Math.floor(q * (n - 1)))];
    }

    private static int[][] rows(int[][] ids, int[] order, int start, int batch) {
        int end = Math.min(order.length, start + batch);
        int[][] out = new int[end - start][];
        for (int i = start; i < end; i++) out[i - start] = ids[order[i]];
        return out;
    }

    private static NdArray labels(int[] y, int[] order, int start, int batch) {
        int end = Math.min(order.length, start + batch);
        int[] out = new int[end - start];
        for (int i = start; i < end; i++) out[i - start] = y[order[i]];
        return NdArray.of(out, out.length);
    }

    private static void copyRows(NdArray m, double[][] into, int start) {
        int n = m.size(0), c = m.size(1);
        double[] v = m.toDoubleArray();
        for (int i = 0; i < n; i++) into[start + i] = java.util.Arrays.copyOfRange(v, i * c, (i + 1) * c);
    }
}
