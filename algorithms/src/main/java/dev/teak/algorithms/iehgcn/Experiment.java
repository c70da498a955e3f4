package dev.teak.algorithms.iehgcn;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.Plots;
import dev.teak.algorithms.run.Progress;
import dev.teak.algorithms.run.RunContext;
import dev.teak.nn.Module;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classification experiment: for each seed, each model is trained on one split and scored
 * on the test nodes at its best validation epoch; results are Micro-F1 and Macro-F1, mean and
 * (population) standard deviation over seeds, and ie-HGCN's meta-path ranking averaged over
 * seeds. A unit of work is one (seed, model) training; its result is checkpointed, so
 * {@code --resume} continues with the next unit. Per-epoch metrics go to {@code metrics.jsonl}
 * under the unit's number.
 */
public final class Experiment {
    /** Loads the network for seed index {@code i} (random features and, for synthetic data, the graph depend on it). */
    @FunctionalInterface
    public interface Loader { HinData.Dataset load(long seed) throws Exception; }

    /** What the experiment runs; {@code meanFusionLr} replaces {@code train}'s learning rate for mean fusion (each model's own, chosen on validation). */
    public record Plan(List<String> models, int seeds, Trainer.Config train, double meanFusionLr, ModelFactory.Settings settings, String gcnMetaPath) {
        /** The training settings of {@code model}. */
        public Trainer.Config train(String model) {
            return model.equals("mean_fusion") ? new Trainer.Config(train.epochs(), meanFusionLr, train.weightDecay()) : train;
        }
    }

    private Experiment() {}

    public static void run(RunContext ctx, Loader loader, Plan plan) throws Exception {
        List<String> models = plan.models();
        int units = plan.seeds() * models.size();
        Checkpoint ck = ctx.checkpoint();
        List<Map<String, Object>> done = new ArrayList<>();
        if (ck.latest().isPresent()) {
            @SuppressWarnings("unchecked") List<Map<String, Object>> saved = (List<Map<String, Object>>) ck.latest().get().state().get("results");
            done.addAll(saved);
        }
        HinData.Dataset data = null;
        long dataSeed = Long.MIN_VALUE;
        try (Progress progress = ctx.progress("iehgcn", ck.nextStep(), units)) {
            for (int u = (int) ck.nextStep(); u < units; u++) {
                int seedIndex = u / models.size();
                String model = models.get(u % models.size());
                long seed = ctx.seed() + seedIndex;
                if (data == null || dataSeed != seed) {
                    data = loader.load(seed);
                    dataSeed = seed;
                }
                String metaPath = model.equals("gcn") ? gcnMetaPath(plan.gcnMetaPath(), data, done) : null;
                Generator gen = new Generator(seed * 31 + 1 + ModelFactory.NAMES.indexOf(model));
                Module m = ModelFactory.create(model, data, plan.settings(), metaPath, gen);
                var ranking = new java.util.concurrent.atomic.AtomicReference<List<MetaPaths.Scored>>();
                HinData.Dataset d = data;
                final int unit = u;
                Trainer.Result r = Trainer.fit(m, data.split(), plan.train(model), gen,
                        (e, loss, val, sec) -> ctx.metrics().log(unit, "model", model, "seed", seed, "epoch", e, "loss", loss, "val_micro_f1", val),
                        m instanceof IeHgcn ie && ie.layers().get(0).fusion() == IeHgcnLayer.Fusion.ATTENTION
                                ? () -> ranking.set(MetaPaths.score(d.graph().target(), MetaPaths.average(d.graph(), ie.lastAttention()))) : null);
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("model", model);
                res.put("seed", seed);
                res.put("micro_f1", r.testMicroF1());
                res.put("macro_f1", r.testMacroF1());
                res.put("val_micro_f1", r.valMicroF1());
                res.put("best_epoch", r.bestEpoch());
                res.put("seconds_per_epoch", r.secondsPerEpoch());
                if (metaPath != null) res.put("metapath", metaPath);
                if (ranking.get() != null) res.put("metapaths", toJson(ranking.get()));
                done.add(res);
                ctx.metrics().log(u, "model", model, "seed", seed, "test_micro_f1", r.testMicroF1(), "test_macro_f1", r.testMacroF1(),
                        "best_epoch", r.bestEpoch(), "seconds_per_epoch", r.secondsPerEpoch());
                ck.save(u, Map.of("results", done));
                progress.message(String.format(Locale.ROOT, "%s seed %d: micro %.4f macro %.4f", model, seed, r.testMicroF1(), r.testMacroF1()));
                progress.step();
            }
        }
        finish(ctx, models, done);
    }

    /** "auto": the best-ranked target-to-target meta-path of the ie-HGCN runs so far (else T-first neighbour-T). */
    static String gcnMetaPath(String option, HinData.Dataset d, List<Map<String, Object>> done) {
        if (!option.equals("auto")) return option;
        String t = d.graph().target();
        for (MetaPaths.Scored s : MetaPaths.mean(rankings(done))) {
            if (s.path().startsWith(t + "-") && s.path().endsWith("-" + t)) return s.path();
        }
        String g = d.graph().neighbours(t).get(0);
        return t + "-" + g + "-" + t;
    }

    private static List<List<MetaPaths.Scored>> rankings(List<Map<String, Object>> done) {
        List<List<MetaPaths.Scored>> runs = new ArrayList<>();
        for (Map<String, Object> r : done) {
            if (!(r.get("metapaths") instanceof List<?> list)) continue;
            List<MetaPaths.Scored> run = new ArrayList<>();
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                run.add(new MetaPaths.Scored((String) m.get("metapath"), ((Number) m.get("score")).doubleValue()));
            }
            runs.add(run);
        }
        return runs;
    }

    static List<Map<String, Object>> toJson(List<MetaPaths.Scored> ranked) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MetaPaths.Scored s : ranked) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metapath", s.path());
            m.put("score", s.score());
            out.add(m);
        }
        return out;
    }

    /** Mean and population standard deviation. */
    static Map<String, Object> meanStd(double[] v) {
        double mean = 0, var = 0;
        for (double x : v) mean += x / v.length;
        for (double x : v) var += (x - mean) * (x - mean) / v.length;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("std", Math.sqrt(var));
        return m;
    }

    private static void finish(RunContext ctx, List<String> models, List<Map<String, Object>> done) throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, double[]> bars = new LinkedHashMap<>();
        double[] micro = new double[models.size()], macro = new double[models.size()];
        for (int k = 0; k < models.size(); k++) {
            String model = models.get(k);
            List<Double> mi = new ArrayList<>(), ma = new ArrayList<>();
            for (Map<String, Object> r : done) {
                if (!r.get("model").equals(model)) continue;
                mi.add(((Number) r.get("micro_f1")).doubleValue());
                ma.add(((Number) r.get("macro_f1")).doubleValue());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("micro_f1", meanStd(mi.stream().mapToDouble(Double::doubleValue).toArray()));
            m.put("macro_f1", meanStd(ma.stream().mapToDouble(Double::doubleValue).toArray()));
            summary.put(model, m);
            micro[k] = (double) ((Map<?, ?>) m.get("micro_f1")).get("mean");
            macro[k] = (double) ((Map<?, ?>) m.get("macro_f1")).get("mean");
            Map<?, ?> s1 = (Map<?, ?>) m.get("micro_f1"), s2 = (Map<?, ?>) m.get("macro_f1");
            ctx.note(String.format(Locale.ROOT, "%-12s Micro-F1 %.4f ± %.4f   Macro-F1 %.4f ± %.4f", model, s1.get("mean"), s1.get("std"), s2.get("mean"), s2.get("std")));
        }
        bars.put("Micro-F1", micro);
        bars.put("Macro-F1", macro);
        List<MetaPaths.Scored> ranked = MetaPaths.mean(rankings(done));
        summary.put("metapaths", toJson(ranked));
        StringBuilder sb = new StringBuilder("meta-paths ranked by averaged attention:");
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            sb.append(String.format(Locale.ROOT, "%n  %2d. %-12s %.4f", i + 1, ranked.get(i).path(), ranked.get(i).score()));
        }
        if (!ranked.isEmpty()) ctx.note(sb.toString());
        Plots plots = ctx.plots();
        plots.bars("f1.png", "Test F1 (mean over seeds)", "F1", models, bars);
        if (!ranked.isEmpty()) {
            List<String> names = new ArrayList<>();
            double[] scores = new double[Math.min(10, ranked.size())];
            for (int i = 0; i < scores.length; i++) { names.add(ranked.get(i).path()); scores[i] = ranked.get(i).score(); }
            plots.bars("metapaths.png", "Top meta-paths (ie-HGCN attention)", "score", names, Map.of("score", scores));
        }
        curves(ctx, models);
        ctx.writeSummary(summary);
    }

    /** Validation Micro-F1 per epoch of the first seed's run of each model, read back from metrics.jsonl. */
    private static void curves(RunContext ctx, List<String> models) throws Exception {
        List<Map<String, Object>> lines = dev.teak.algorithms.run.MetricsLog.read(ctx.metrics().file());
        List<Plots.Series> series = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> l : lines) {
                if (((Number) l.get("step")).intValue() == k && l.get("epoch") != null) {
                    pts.add(new double[] {((Number) l.get("epoch")).doubleValue(), ((Number) l.get("val_micro_f1")).doubleValue()});
                }
            }
            double[] x = new double[pts.size()], y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) { x[i] = pts.get(i)[0]; y[i] = pts.get(i)[1]; }
            series.add(new Plots.Series(models.get(k), x, y));
        }
        ctx.plots().lines("validation.png", "Validation Micro-F1, first seed", "epoch", "Micro-F1", series, false);
    }
}
