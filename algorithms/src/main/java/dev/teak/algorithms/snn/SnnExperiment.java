package dev.teak.algorithms.snn;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.RunContext;
import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.io.SafeTensors;
import dev.teak.nn.optim.Adam;
import dev.teak.nn.optim.AdamW;
import dev.teak.nn.spiking.Surrogate;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fold of the pipeline (spec section (a)): skip-gram embeddings on the training text (plus
 * unlabelled text) -> DNN (best epoch on dev) -> converted SNN -> fine-tuned SNN (best epoch on
 * dev) -> directly trained SNN (best epoch on dev) -> test accuracy, energy ratio and the
 * substitution attack for each. The test split is touched only after all selection is done.
 *
 * <p>Resumption: after each stage the results so far and every trained weight are checkpointed;
 * a resumed run reloads them and continues with the next stage.
 */
final class SnnExperiment {
    static final List<String> MODELS = List.of("dnn", "snn_converted", "snn_finetuned", "snn_direct");
    /** Spike draws averaged for every SNN accuracy, dev (selection) and test alike; see {@link SnnTrainer#evalSnnDraws}. */
    static final int DRAWS = 5;
    /** Candidate percentiles of the DNN's logits for the output layer's normalisation (the best on dev is kept). */
    static final double[] FC_PERCENTILES = {0.999, 0.99, 0.95, 0.9};
    private static final String[] STAGES = {"embeddings", "dnn", "converted", "finetuned", "direct", "attack"};

    private final RunContext ctx;
    private final SnnConfig c;
    private final Surrogate surrogate;

    SnnExperiment(RunContext ctx, SnnConfig c) {
        this.ctx = ctx;
        this.c = c;
        this.surrogate = Surrogate.fastSigmoid(c.surrogateK());
    }

    /** Runs fold {@code fold}, whose units start at {@code base}; returns {@code model -> [accuracy, energy ratio, attacked accuracy]}. */
    Map<String, double[]> run(int fold, long base, Map<String, Object> results) throws IOException {
        long seed = ctx.seed() * 7919 + fold;
        TextData.Split split = TextData.load(c.data(), fold, c.folds(), ctx.seed());
        TextData.Labelled train = split.train();
        if (c.trainLimit() > 0 && c.trainLimit() < train.size()) {
            train = TextData.subset(train, java.util.stream.IntStream.range(0, c.trainLimit()).boxed().toList());
        }
        String p = "fold" + fold + ".";
        int done = doneStages(base, p);
        // ---------------------------------------------------------------- 1. embeddings
        WordVectors wv;
        if (done > 0) {
            wv = WordVectors.load(ctx.checkpoint().latest().get().dir(), "embeddings");
        } else {
            List<String[]> text = new ArrayList<>(train.sentences());
            if (!split.chinese() && c.corpus().equals("moby")) text.addAll(TextData.unlabelledEnglish());
            Vocabulary vocab = Vocabulary.build(text, 1);
            ctx.note("fold " + fold + ": skip-gram on " + text.size() + " lines, " + vocab.size() + " word types");
            long t0 = System.nanoTime();
            double[] last = new double[1];
            wv = SkipGram.train(vocab, text, new SkipGram.Config(c.dim(), 5, 5, c.w2vEpochs(), 0.025, 1024, 1e-3, seed),
                    (e, loss) -> last[0] = loss);
            ctx.metrics().log(base, "fold", fold, "stage", "embeddings", "w2v_loss", last[0], "seconds", (System.nanoTime() - t0) / 1e9);
            for (String w : probes(split.chinese())) ctx.note("  " + w + ": " + wv.describeNeighbours(w, 5));
        }
        Vocabulary vocab = wv.vocab();
        SnnTrainer.Encoded tr = SnnTrainer.encode(train, vocab, c.length());
        SnnTrainer.Encoded dv = SnnTrainer.encode(split.dev(), vocab, c.length());
        SnnTrainer.Encoded te = SnnTrainer.encode(split.test(), vocab, c.length());
        if (done == 0) save(base, results, wv, null, null, null, null, 1, p);
        long unit = base + 1;
        // ---------------------------------------------------------------- 2. DNN
        Generator gen = new Generator(seed);
        EmbeddingShift embed = new EmbeddingShift(wv.embeddings(), !c.staticEmbeddings());
        TextCnn dnn = new TextCnn(c.dim(), SnnConfig.WIDTHS, c.filters(), split.classes(), c.dropout(), gen);
        if (done > 1) {
            Map<String, NdArray> w = SafeTensors.load(ctx.checkpoint().latest().get().file("dnn.safetensors"));
            dnn.loadStateDict(strip(w, "cnn."), true);
            embed.loadStateDict(strip(w, "embed."), true);
        } else {
            Adam opt = new Adam(concat(embed.parameters(), dnn.parameters()), c.dnnLr());
            double best = -1;
            Map<String, NdArray> bestW = null;
            for (int e = 0; e < c.dnnEpochs(); e++, unit++) {
                gen.manualSeed(seed + 1000 + e);
                double loss = SnnTrainer.dnnEpoch(dnn, embed, tr, opt, c.batch(), seed + e);
                double acc = SnnTrainer.evalDnn(dnn, embed, dv).accuracy();
                ctx.metrics().log(unit, "fold", fold, "stage", "dnn", "epoch", e, "loss", loss, "dev_accuracy", acc);
                ctx.note(String.format("fold %d dnn epoch %d: loss %.4f, dev %.4f", fold, e, loss, acc));
                if (acc > best) {
                    best = acc;
                    bestW = dnnWeights(dnn, embed);
                }
            }
            dnn.loadStateDict(strip(bestW, "cnn."), true);
            embed.loadStateDict(strip(bestW, "embed."), true);
        }
        unit = base + 1 + c.dnnEpochs();
        float[] table = embed.shifted().toFloatArray();
        int d = c.dim();
        long[] flops = dnn.macsPerLayer(c.length());
        // ---------------------------------------------------------------- 3. conversion
        double[] scales = normalisation(dnn, embed, tr, dv, table, seed + 11 + 500, fold, unit, results, p);
        SpikingTextCnn converted = SpikingTextCnn.convert(dnn, scales[0], scales[1], c.beta(), surrogate);
        if (done <= 2) {
            SnnTrainer.Evaluation dnnTest = SnnTrainer.evalDnn(dnn, embed, te);
            SnnTrainer.Draws conv = SnnTrainer.evalSnnDraws(converted, table, d, te, c.steps(), seed + 77, DRAWS);
            results.put(p + "dnn.accuracy", dnnTest.accuracy());
            results.put(p + "dnn.energy_ratio", 1.0);
            putSnn(results, p + "snn_converted.", conv, flops);
            ctx.metrics().log(unit, "fold", fold, "stage", "converted", "dnn_test_accuracy", dnnTest.accuracy(),
                    "converted_test_accuracy", conv.mean().accuracy(), "converted_test_draw_sd", conv.accuracySd(), "conv_scale", scales[0], "fc_scale", scales[1]);
            ctx.note(String.format("fold %d: DNN test %.4f, converted SNN (T=%d) test %.4f", fold, dnnTest.accuracy(), c.steps(), conv.mean().accuracy()));
            save(unit, results, wv, dnnWeights(dnn, embed), null, null, null, 3, p);
        }
        unit++;
        // ---------------------------------------------------------------- 4. fine-tuning and 5. direct training
        SpikingTextCnn finetuned = SpikingTextCnn.convert(dnn, scales[0], scales[1], c.beta(), surrogate);
        SpikingTextCnn direct = SpikingTextCnn.initialised(new TextCnn(c.dim(), SnnConfig.WIDTHS, c.filters(), split.classes(), 0,
                new Generator(seed + 5)), c.directShift()[0], c.directShift()[1], c.beta(), surrogate);
        // The direct SNN's input: the DNN-tuned table ("dnn", default: a generous baseline, it inherits the
        // DNN's supervised embeddings), or its own table started from the skip-gram vectors and tuned
        // through straight-through spikes as the DNN tunes its table ("own").
        EmbeddingShift directEmbed = c.directInput().equals("own") ? new EmbeddingShift(wv.embeddings(), !c.staticEmbeddings()) : null;
        Checkpoint.Saved ck = ctx.checkpoint().latest().orElse(null);
        if (done > 3) finetuned.load(ck.file("snn_finetuned.safetensors"));
        else {
            trainSnn(finetuned, null, "finetuned", c.finetuneEpochs(), c.finetuneLr(), table, tr, dv, fold, unit, seed + 11);
            SnnTrainer.Draws ev = SnnTrainer.evalSnnDraws(finetuned, table, d, te, c.steps(), seed + 77, DRAWS);
            putSnn(results, p + "snn_finetuned.", ev, flops);
            ctx.note(String.format("fold %d: fine-tuned SNN test %.4f", fold, ev.mean().accuracy()));
            save(unit + c.finetuneEpochs() - (c.finetuneEpochs() > 0 ? 1 : 0), results, wv, dnnWeights(dnn, embed), finetuned, null, null, 4, p);
        }
        unit += Math.max(0, c.finetuneEpochs());
        if (done > 4) {
            direct.load(ck.file("snn_direct.safetensors"));
            if (directEmbed != null) directEmbed.loadStateDict(SafeTensors.load(ck.file("snn_direct_embed.safetensors")), true);
        } else {
            trainSnn(direct, directEmbed, "direct", c.directEpochs(), c.directLr(), table, tr, dv, fold, unit, seed + 13);
        }
        float[] directTable = directEmbed == null ? table : directEmbed.shifted().toFloatArray();
        if (done <= 4) {
            SnnTrainer.Draws ev = SnnTrainer.evalSnnDraws(direct, directTable, d, te, c.steps(), seed + 77, DRAWS);
            putSnn(results, p + "snn_direct.", ev, flops);
            ctx.note(String.format("fold %d: directly trained SNN test %.4f", fold, ev.mean().accuracy()));
            save(unit + c.directEpochs() - (c.directEpochs() > 0 ? 1 : 0), results, wv, dnnWeights(dnn, embed), finetuned, direct, directEmbed, 5, p);
        }
        unit += Math.max(0, c.directEpochs());
        // ---------------------------------------------------------------- 6. attack
        int n = Math.min(c.attackExamples(), te.size());
        int[][] ids = java.util.Arrays.copyOf(te.ids(), n);
        int[] y = java.util.Arrays.copyOf(te.labels(), n);
        WordSubstitutionAttack attack = new WordSubstitutionAttack(wv, c.attackNeighbours(), c.attackRate());
        Map<String, WordSubstitutionAttack.Classifier> models = new LinkedHashMap<>();
        models.put("dnn", (x, noise) -> SnnTrainer.evalDnn(dnn, embed, new SnnTrainer.Encoded(x, new int[x.length])).scores());
        models.put("snn_converted", (x, noise) -> SnnTrainer.snnScoresFixedNoise(converted, table, d, x, c.steps(), noise));
        models.put("snn_finetuned", (x, noise) -> SnnTrainer.snnScoresFixedNoise(finetuned, table, d, x, c.steps(), noise));
        models.put("snn_direct", (x, noise) -> SnnTrainer.snnScoresFixedNoise(direct, directTable, d, x, c.steps(), noise));
        Map<String, Object> line = new LinkedHashMap<>(Map.of("fold", fold, "stage", "attack", "examples", n));
        for (var m : models.entrySet()) {
            WordSubstitutionAttack.Result r = n == 0 ? new WordSubstitutionAttack.Result(Double.NaN, Double.NaN, 0, 0)
                    : attack.run(m.getValue(), ids, y, ctx.seed() + 99);
            results.put(p + m.getKey() + ".attacked_accuracy", r.attackedAccuracy());
            results.put(p + m.getKey() + ".clean_accuracy_attack_subset", r.cleanAccuracy());
            line.put(m.getKey() + "_clean", r.cleanAccuracy());
            line.put(m.getKey() + "_attacked", r.attackedAccuracy());
            ctx.note(String.format("fold %d attack on %s: clean %.4f -> attacked %.4f (%d sentences)", fold, m.getKey(), r.cleanAccuracy(), r.attackedAccuracy(), n));
        }
        ctx.metrics().log(unit, line);
        save(unit, results, wv, dnnWeights(dnn, embed), finetuned, direct, directEmbed, 6, p);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String m : MODELS) {
            out.put(m, new double[] {num(results.get(p + m + ".accuracy")), num(results.get(p + m + ".energy_ratio")),
                    num(results.get(p + m + ".attacked_accuracy"))});
        }
        return out;
    }

    /**
     * AdamW (no weight decay, as the authors) on {@code snn} and, when not null, the table of
     * {@code embed}; the starting weights (for fine-tuning: the converted network) and every epoch
     * compete on dev accuracy, and the best is kept.
     */
    private void trainSnn(SpikingTextCnn snn, EmbeddingShift embed, String name, int epochs, double lr, float[] table,
                          SnnTrainer.Encoded tr, SnnTrainer.Encoded dv, int fold, long unit, long seed) throws IOException {
        List<dev.teak.nn.Parameter> params = new ArrayList<>(snn.parameters());
        if (embed != null) params.addAll(embed.parameters());
        AdamW opt = new AdamW(params, lr, 0.9, 0.999, 1e-8, 0);
        double best = epochs == 0 ? 0 : devAccuracy(snn, embed, table, dv, seed + 500);
        if (epochs > 0) {
            ctx.metrics().log(unit, "fold", fold, "stage", name + "_start", "dev_accuracy", best);
            ctx.note(String.format("fold %d %s SNN before training: dev %.4f", fold, name, best));
        }
        Map<String, NdArray> bestW = state(snn, embed);
        int bestEpoch = -1;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            double loss = SnnTrainer.snnEpoch(snn, table, embed, c.dim(), tr, opt, c.batch(), c.steps(), seed * 31 + e, 0, c.snnTrain());
            double acc = devAccuracy(snn, embed, table, dv, seed + 500);
            ctx.metrics().log(unit + e, "fold", fold, "stage", name, "epoch", e, "loss", loss, "dev_accuracy", acc,
                    "seconds", (System.nanoTime() - t0) / 1e9);
            ctx.note(String.format("fold %d %s SNN epoch %d: rate loss %.4f, dev %.4f", fold, name, e, loss, acc));
            if (acc > best) {
                best = acc;
                bestW = state(snn, embed);
                bestEpoch = e;
            }
        }
        ctx.note(String.format("fold %d %s SNN: dev %.4f at epoch %d (-1 = the starting weights)", fold, name, best, bestEpoch));
        snn.loadStateDict(strip(bestW, "snn."), true);
        if (embed != null) embed.loadStateDict(strip(bestW, "embed."), true);
    }

    /** Dev accuracy of a spiking network, the mean over {@link #DRAWS} fixed spike draws (the same draws at every epoch). */
    private double devAccuracy(SpikingTextCnn snn, EmbeddingShift embed, float[] table, SnnTrainer.Encoded dv, long seed) {
        float[] tab = embed == null ? table : embed.shifted().toFloatArray();
        return SnnTrainer.evalSnnDraws(snn, tab, c.dim(), dv, c.steps(), seed, DRAWS).mean().accuracy();
    }

    private static Map<String, NdArray> state(SpikingTextCnn snn, EmbeddingShift embed) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        snn.stateDict().forEach((k, v) -> m.put("snn." + k, v.copy()));
        if (embed != null) embed.stateDict().forEach((k, v) -> m.put("embed." + k, v.copy()));
        return m;
    }

    /**
     * Data-based normalisation (Diehl et al. 2015; percentiles as Rueckauer et al. 2017): the conv
     * scale is the 99.9th percentile of the DNN's conv activations on 500 training sentences; the
     * output scale is the {@code q}-th percentile of its (ReLU'd) logits, with {@code q} from
     * {@link #FC_PERCENTILES} chosen by the converted network's dev accuracy ({@link #DRAWS} draws).
     * Why a choice: at {@code T = 20} the output neurons count spikes in steps of 1/20, and scaling
     * the rare largest logit to rate 1 leaves the typical sentence at 1-3 spikes per class, so on
     * SST-2 16 % of the dev sentences tie (the lowest class wins). The choice is stored in the
     * checkpoint, so a resumed run converts with the same scale.
     */
    private double[] normalisation(TextCnn dnn, EmbeddingShift embed, SnnTrainer.Encoded tr, SnnTrainer.Encoded dv, float[] table,
                                   long devSeed, int fold, long unit, Map<String, Object> results, String p) throws IOException {
        if (c.normalize().equals("none")) return new double[] {1, 1};
        int n = Math.min(500, tr.size());
        int[][] ids = java.util.Arrays.copyOf(tr.ids(), n);
        dnn.eval();
        embed.eval();
        double convScale;
        NdArray logits;
        try (var g = GradMode.noGrad()) {
            Tensor x = embed.forward(ids);
            List<NdArray> acts = new ArrayList<>();
            for (Tensor a : dnn.convActivations(x)) acts.add(a.data());
            convScale = Math.max(1e-6, SnnTrainer.quantile(acts, 0.999));
            logits = dnn.forward(x).data().relu();
        }
        Object saved = results.get(p + "fc_percentile");
        double q = saved instanceof Number v ? v.doubleValue() : Double.NaN;
        if (Double.isNaN(q)) {
            double best = -1;
            Map<String, Object> line = new LinkedHashMap<>(Map.of("fold", fold, "stage", "conversion"));
            for (double cand : FC_PERCENTILES) {
                double fcScale = Math.max(1e-6, SnnTrainer.quantile(List.of(logits), cand));
                SpikingTextCnn s = SpikingTextCnn.convert(dnn, convScale, fcScale, c.beta(), surrogate);
                double acc = devAccuracy(s, null, table, dv, devSeed);
                line.put("dev_accuracy_p" + cand, acc);
                ctx.note(String.format("fold %d conversion, output scale at the %.1fth percentile: dev %.4f", fold, 100 * cand, acc));
                if (acc > best) {
                    best = acc;
                    q = cand;
                }
            }
            line.put("fc_percentile", q);
            ctx.metrics().log(unit, line);
            results.put(p + "fc_percentile", q);
        }
        return new double[] {convScale, Math.max(1e-6, SnnTrainer.quantile(List.of(logits), q))};
    }

    private void putSnn(Map<String, Object> results, String prefix, SnnTrainer.Draws draws, long[] flops) {
        SnnTrainer.Evaluation ev = draws.mean();
        results.put(prefix + "accuracy", ev.accuracy());
        results.put(prefix + "accuracy_draw_sd", draws.accuracySd());
        results.put(prefix + "energy_ratio", Energy.ratio(flops, ev.inputRates(), c.steps()));
        results.put(prefix + "input_rates", List.of(ev.inputRates()[0], ev.inputRates()[1], ev.inputRates()[2]));
    }

    /** Stages of this fold finished by the run being resumed (0 for a fresh run). */
    private int doneStages(long base, String p) {
        var l = ctx.checkpoint().latest();
        if (l.isEmpty() || l.get().step() < base) return 0;
        Object v = l.get().state().get(p + "stages");
        return v == null ? 0 : ((Number) v).intValue();
    }

    private void save(long unit, Map<String, Object> results, WordVectors wv, Map<String, NdArray> dnn, SpikingTextCnn ft,
                      SpikingTextCnn direct, EmbeddingShift directEmbed, int stages, String p) throws IOException {
        results.put(p + "stages", stages);
        Checkpoint.Writer w = ctx.checkpoint().begin(unit);
        wv.save(w.file("embeddings.safetensors").getParent(), "embeddings");
        if (dnn != null) SafeTensors.save(w.file("dnn.safetensors"), dnn);
        if (ft != null) ft.save(w.file("snn_finetuned.safetensors"));
        if (direct != null) direct.save(w.file("snn_direct.safetensors"));
        if (directEmbed != null) SafeTensors.save(w.file("snn_direct_embed.safetensors"), directEmbed.stateDict());
        w.commit(results);
    }

    private static Map<String, NdArray> dnnWeights(TextCnn dnn, EmbeddingShift embed) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        dnn.stateDict().forEach((k, v) -> m.put("cnn." + k, v.copy()));
        embed.stateDict().forEach((k, v) -> m.put("embed." + k, v.copy()));
        return m;
    }

    private static Map<String, NdArray> strip(Map<String, NdArray> m, String prefix) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        m.forEach((k, v) -> { if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v); });
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static double num(Object o) { return o == null ? Double.NaN : ((Number) o).doubleValue(); }

    static List<String> probes(boolean chinese) {
        return chinese ? List.of("好", "差", "快", "贵") : List.of("good", "bad", "funny", "boring", "movie");
    }
}
