package dev.teak.algorithms.lds;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.OptionValues;
import dev.teak.algorithms.run.Progress;
import dev.teak.algorithms.run.RunContext;
import dev.teak.tensor.random.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code teak lds}: LDS and kNN-LDS (Franceschi et al., ICML 2019) against GCN, kNN-GCN, an MLP
 * and logistic regression, over several seeds and (for Cora and Citeseer) edge-retention levels.
 * With no options: kNN-LDS against kNN-GCN on Wine, 5 seeds. One unit of work (logged, then
 * checkpointed) is one model trained on one seed at one retention level.
 */
public final class LdsMethod implements Method {
    static final List<String> MODELS = List.of("gcn", "lds", "mlp", "logreg");

    @Override public String name() { return "lds"; }

    @Override public String description() {
        return "LDS: learn a discrete graph and a GCN jointly (bilevel, truncated hypergradients) vs GCN/kNN-GCN/MLP/logreg";
    }

    @Override public List<OptionSpec> options() {
        return List.of(
                OptionSpec.choice("dataset", "wine", LdsDatasets.NAMES, "data set"),
                OptionSpec.choice("graph", "auto", List.of("auto", "given", "knn"),
                        "initial graph: the given one (LDS; Cora, Citeseer) or a kNN graph (kNN-LDS); auto picks given when there is one"),
                OptionSpec.text("models", "gcn,lds", "comma-separated models among gcn, lds, mlp, logreg (gcn = the GCN on the initial graph)"),
                OptionSpec.integer("seeds", 5, "seeds (splits, edge deletions and initialisations), from --seed on").range(1, 100),
                OptionSpec.intList("retain", List.of(100), "percent of the given graph's edges kept, e.g. 25,50,75,100").range(1, 100),
                OptionSpec.integer("tau", 5, "inner steps per hypergradient (truncation length)").range(1, 400),
                OptionSpec.real("outer-lr", 1.0, "eta0 of the projected SGD on theta").range(0, 100),
                OptionSpec.integer("k", 10, "neighbours of the kNN graph").range(1, 1000),
                OptionSpec.choice("metric", "cosine", List.of("cosine", "minkowski"), "kNN distance"),
                OptionSpec.choice("knn-mode", "upper", List.of("upper", "symmetric"),
                        "upper: keep j in kNN(i) only for j > i, as the reference code; symmetric: either direction"),
                OptionSpec.integer("samples", 16, "S, graphs averaged by the expected-output prediction").range(1, 1000),
                OptionSpec.integer("patience", 20, "outer epochs without a better early-stopping accuracy").range(1, 1000),
                OptionSpec.integer("max-epochs", 200, "cap on outer epochs").range(1, 100_000),
                OptionSpec.integer("max-inner", 400, "cap on inner steps per outer epoch").range(1, 100_000),
                OptionSpec.real("inner-lr", 0.02, "learning rate of the inner Adam (fixed)").range(0, 10),
                OptionSpec.integer("hidden", 16, "hidden units").range(1, 4096),
                OptionSpec.real("dropout", 0.5, "dropout on the hidden layer").range(0, 0.99),
                OptionSpec.real("input-dropout", 0.0, "dropout on the input features (Kipf and Welling use 0.5; the LDS network 0)").range(0, 0.99),
                OptionSpec.real("weight-decay", 5e-4, "L2 coefficient on the first layer").range(0, 1),
                OptionSpec.choice("scale", "auto", List.of("auto", "standard"),
                        "features: auto as the reference code (Wine, Cancer standardised; Digits raw 0-16; Cora, Citeseer row-normalised), or standard (every column to zero mean, unit variance)"),
                OptionSpec.text("data-dir", null, "read the data set's files from this folder instead of the bundled copy"));
    }

    /** One finished unit. */
    record UnitResult(String model, int retain, int seed, double test, double es, double shareBefore, double shareAfter,
                      double gapBefore, double gapAfter, int epochs, int bestEpoch, double seconds) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("retain", retain);
            m.put("seed", seed);
            m.put("test_accuracy", test);
            m.put("es_accuracy", es);
            m.put("share_before", shareBefore);
            m.put("share_after", shareAfter);
            m.put("gap_before", gapBefore);
            m.put("gap_after", gapAfter);
            m.put("epochs", epochs);
            m.put("best_epoch", bestEpoch);
            m.put("seconds", seconds);
            return m;
        }

        static UnitResult fromMap(Map<?, ?> m) {
            return new UnitResult((String) m.get("model"), num(m, "retain").intValue(), num(m, "seed").intValue(),
                    d(m, "test_accuracy"), d(m, "es_accuracy"), d(m, "share_before"), d(m, "share_after"), d(m, "gap_before"),
                    d(m, "gap_after"), num(m, "epochs").intValue(), num(m, "best_epoch").intValue(), d(m, "seconds"));
        }

        private static Number num(Map<?, ?> m, String k) { return (Number) m.get(k); }

        private static double d(Map<?, ?> m, String k) {
            Object v = m.get(k);
            return v instanceof Number x ? x.doubleValue() : Double.NaN;   // NaN comes back as a string
        }
    }

    @Override public void run(RunContext ctx) throws Exception {
        OptionValues o = ctx.options();
        String dataset = o.getString("dataset");
        List<String> models = parseModels(o.getString("models"));
        boolean given = switch (o.getString("graph")) {
            case "given" -> true;
            case "knn" -> false;
            default -> LdsDatasets.hasGraph(dataset);
        };
        if (given && !LdsDatasets.hasGraph(dataset)) throw new IllegalArgumentException("lds: --graph given, but " + dataset + " has no graph");
        List<Integer> retains = given ? o.getIntList("retain") : List.of(100);
        int seeds = o.getInt("seeds");
        Path dataDir = o.has("data-dir") ? Path.of(o.getString("data-dir")) : null;
        LdsConfig base = LdsConfig.defaults(true, o.getInt("tau"), o.getDouble("outer-lr"))
                .withInner(o.getDouble("inner-lr"), o.getInt("hidden"), o.getDouble("dropout"), o.getDouble("weight-decay"))
                .withBudget(o.getInt("max-inner"), o.getInt("patience"), o.getInt("max-epochs"))
                .withSamples(o.getInt("samples"));

        Checkpoint ck = ctx.checkpoint();
        List<UnitResult> results = new ArrayList<>();
        if (ck.latest().isPresent()) {
            for (Object r : (List<?>) ck.latest().get().state().get("results")) results.add(UnitResult.fromMap((Map<?, ?>) r));
        }
        int units = retains.size() * seeds * models.size();
        ctx.note(String.format(Locale.ROOT, "%s, %s graph, models %s, %d seed(s), retain %s: %d runs", dataset,
                given ? "given" : "kNN (k=" + o.getInt("k") + ", " + o.getString("metric") + ")", models, seeds, retains, units));
        try (Progress progress = ctx.progress("lds", ck.nextStep(), units)) {
            for (long unit = ck.nextStep(); unit < units; unit++) {
                int mi = (int) (unit % models.size()), si = (int) (unit / models.size() % seeds), ri = (int) (unit / models.size() / seeds);
                String model = models.get(mi);
                int retain = retains.get(ri);
                long seed = ctx.seed() + si;
                UnitResult r = runUnit(ctx, unit, dataset, dataDir, given, retain, seed, model, base, o);
                results.add(r);
                List<Map<String, Object>> saved = new ArrayList<>();
                for (UnitResult u : results) saved.add(u.toMap());
                ck.save(unit, Map.of("results", saved));
                progress.message(String.format(Locale.ROOT, "%s seed %d retain %d%%: test %.3f", model, seed, retain, r.test()));
                progress.step();
            }
        }
        LdsReport.write(ctx, dataset, given, models, retains, results);
    }

    private UnitResult runUnit(RunContext ctx, long unit, String dataset, Path dataDir, boolean given, int retain, long seed,
                               String model, LdsConfig base, OptionValues o) throws Exception {
        NodeTask task = LdsDatasets.load(dataset, seed, dataDir);
        if (o.getString("scale").equals("standard")) task = task.standardised();
        if (given && retain < 100) task = task.retainEdges(retain / 100.0, new Generator(seed + 31));
        GraphClassifier.Kind kind = switch (model) {
            case "mlp" -> GraphClassifier.Kind.MLP;
            case "logreg" -> GraphClassifier.Kind.LOGREG;
            default -> GraphClassifier.Kind.GCN;
        };
        LdsConfig cfg = base.withLearnGraph(model.equals("lds"));
        GraphClassifier clf = new GraphClassifier(kind, task.featureCount(), cfg.hidden(), task.classes(), cfg.dropout(), cfg.weightDecay())
                .inputDropout(o.getDouble("input-dropout"));
        EdgeProbabilities theta0 = null;
        if (kind == GraphClassifier.Kind.GCN) {
            theta0 = given ? EdgeProbabilities.fromEdges(task.n(), task.edges())
                    : KnnGraph.theta(task.features(), o.getInt("k"),
                    o.getString("metric").equals("cosine") ? KnnGraph.Metric.COSINE : KnnGraph.Metric.MINKOWSKI,
                    o.getString("knn-mode").equals("upper") ? KnnGraph.Mode.UPPER : KnnGraph.Mode.SYMMETRIC);
        }
        LdsTrainer.Result res = new LdsTrainer(task, clf, cfg).run(theta0, seed, e -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("model", model);
            line.put("seed", seed);
            line.put("retain", retain);
            line.put("epoch", e.epoch());
            line.put("inner_steps", e.innerSteps());
            line.put("inner_loss", e.innerLoss());
            line.put("outer_loss", e.outerLoss());
            line.put("es_accuracy", e.esAccuracy());
            line.put("test_accuracy", e.testAccuracy());
            line.put("expected_edges", e.expectedEdges());
            line.put("same_class_share", e.sameClassShare());
            line.put("seconds", e.seconds());
            ctx.metrics().log(unit, line);
        });
        UnitResult r = new UnitResult(model, retain, (int) seed, res.testAccuracy(), res.esAccuracy(), res.shareBefore(), res.shareAfter(),
                res.gapBefore(), res.gapAfter(), res.epochs(), res.bestEpoch(), res.seconds());
        Map<String, Object> line = new LinkedHashMap<>(r.toMap());
        line.put("unit_done", true);
        ctx.metrics().log(unit, line);
        return r;
    }

    static List<String> parseModels(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String m = part.trim().toLowerCase(Locale.ROOT);
            if (!MODELS.contains(m)) throw new IllegalArgumentException("lds: --models: unknown model '" + part + "'; choose among " + MODELS);
            if (!out.contains(m)) out.add(m);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("lds: --models is empty");
        return out;
    }
}
