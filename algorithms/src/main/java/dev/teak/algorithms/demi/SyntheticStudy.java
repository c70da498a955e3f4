package dev.teak.algorithms.demi;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.OptionValues;
import dev.teak.algorithms.run.Plots;
import dev.teak.algorithms.run.Progress;
import dev.teak.algorithms.run.RunContext;
import dev.teak.tensor.random.Generator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic study (spec section (a)): for each true MI in {@code --mi} and each K in
 * {@code --k}, train InfoNCE and DEMI-N (exact and importance-sampled negatives) for
 * {@code --steps} Adam steps on fresh correlated-Gaussian batches, then evaluate every
 * estimator on {@code --eval-batches} held-out batches in float64.
 *
 * <p>Steps are numbered globally across configurations (configuration c owns steps
 * [c S, (c+1) S)). A configuration's data and initial weights come from the seed, its MI and its
 * K alone, so a grid run reproduces the single-configuration run of each of its pairs. Checkpoints hold the generator
 * state, the finished configurations' results and (mid-configuration) all weights and Adam
 * states; metrics are logged before each checkpoint, so {@code --resume} neither loses nor
 * repeats a line.
 */
final class SyntheticStudy {
    private static final String WEIGHTS = "estimators.safetensors";

    private final RunContext ctx;
    private final OptionValues o;
    private final List<int[]> configs = new ArrayList<>();   // {mi, k}
    private final int steps, dim;

    SyntheticStudy(RunContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options();
        for (int mi : o.getIntList("mi")) for (int k : o.getIntList("k")) configs.add(new int[] {mi, k});
        this.steps = o.getInt("steps");
        this.dim = o.getInt("dim");
        for (int n : o.getIntList("subviews")) {
            if (n > dim) throw new IllegalArgumentException("--subviews: N = " + n + " exceeds --dim " + dim);
        }
    }

    private EstimatorBank bank(int c) {
        int[] cfg = configs.get(c);
        GaussianViews views = GaussianViews.withMi(dim, cfg[0]);
        return new EstimatorBank(views, cfg[1], o.getIntList("subviews"), o.getString("negatives"), o.getString("critic"),
                o.getInt("hidden"), o.getInt("embed"), o.getDouble("lr"), new Generator(mix(ctx.seed(), cfg, 1)));
    }

    /** Independent stream keys for (seed, configuration {mi, k}, purpose). */
    private static long mix(long seed, int[] cfg, int purpose) {
        return seed * 1_000_003L + (cfg[0] * 10_007L + cfg[1]) * 7919L + purpose;
    }

    @SuppressWarnings("unchecked")
    void run() throws IOException {
        Checkpoint ck = ctx.checkpoint();
        long total = (long) steps * configs.size(), start = ck.nextStep();
        List<Map<String, Object>> results = new ArrayList<>();
        Generator gen = new Generator(0);
        EstimatorBank bank = null;
        int current = -1;
        if (ck.latest().isPresent()) {
            Checkpoint.Saved s = ck.latest().get();
            results.addAll((List<Map<String, Object>>) s.state().get("results"));
            if (start % steps != 0) {                       // mid-configuration: restore weights and stream
                current = (int) (start / steps);
                bank = bank(current);
                bank.load(s.file(WEIGHTS));
                gen.setState(new Generator.State(s.getLong("gen_seed"), s.getLong("gen_offset")));
            }
        }
        int logEvery = o.getInt("log-every"), ckEvery = o.getInt("checkpoint-every");
        long failAt = o.getLong("fail-at");
        try (Progress progress = ctx.progress("demi", start, total)) {
            for (long step = start; step < total; step++) {
                int c = (int) (step / steps);
                long t = step % steps;
                if (c != current) {
                    current = c;
                    bank = bank(c);
                    gen = new Generator(mix(ctx.seed(), configs.get(c), 2));
                }
                Map<String, Double> est = bank.step(gen);
                boolean last = t == steps - 1;
                if (t % logEvery == 0 || last) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("true_mi", bank.views().mutualInformation());
                    line.put("k", bank.k());
                    line.put("log_k", Math.log(bank.k()));
                    line.putAll(est);
                    ctx.metrics().log(step, line);
                }
                if (last) {
                    Map<String, Object> res = new LinkedHashMap<>();
                    res.put("true_mi", bank.views().mutualInformation());
                    res.put("k", bank.k());
                    res.put("log_k", Math.log(bank.k()));
                    res.putAll(bank.evaluate(o.getInt("eval-batches"), new Generator(mix(ctx.seed(), configs.get(c), 3))));
                    results.add(res);
                    ctx.metrics().log(step, Map.of("eval", evalLine(res)));
                }
                if (step == failAt) throw new IllegalStateException("simulated crash after step " + step + " (--fail-at)");
                if (last || (t + 1) % ckEvery == 0) {
                    Checkpoint.Writer w = ck.begin(step);
                    if (!last) bank.save(w.file(WEIGHTS));
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("gen_seed", gen.state().seed());
                    state.put("gen_offset", gen.state().offset());
                    state.put("results", results);
                    w.commit(state);
                }
                progress.message(String.format(Locale.ROOT, "MI %d K %d: %s", configs.get(c)[0], configs.get(c)[1], shortLine(est)));
                progress.step();
            }
        }
        plots(results);
        ctx.writeSummary(summary(results));
    }

    private static Map<String, Object> evalLine(Map<String, Object> res) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : res.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) out.put(e.getKey(), m.get("mean"));
        }
        return out;
    }

    private static String shortLine(Map<String, Double> est) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : est.entrySet()) {
            if (e.getKey().endsWith("_is")) continue;
            sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append(String.format(Locale.ROOT, " %.2f", e.getValue()));
        }
        return sb.toString();
    }

    /**
     * summary.json: the first configuration's {@code true_mi}, {@code log_k} and, per estimator
     * key, {@code mean}, {@code std} (and {@code ess} for importance sampling) at the top level;
     * every configuration under {@code results}.
     */
    private Map<String, Object> summary(List<Map<String, Object>> results) {
        Map<String, Object> s = new LinkedHashMap<>(results.get(0));
        s.put("critic", o.getString("critic"));
        s.put("steps", steps);
        s.put("eval_batches", o.getInt("eval-batches"));
        if (results.size() > 1) s.put("results", results);
        return s;
    }

    @SuppressWarnings("unchecked")
    private void plots(List<Map<String, Object>> results) throws IOException {
        Map<String, List<double[]>> points = new LinkedHashMap<>();      // series -> (truth, mean, std)
        for (Map<String, Object> r : results) {
            for (Map.Entry<String, Object> e : r.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> m)) continue;
                String name = e.getKey() + (o.getIntList("k").size() > 1 ? " (K=" + r.get("k") + ")" : "");
                points.computeIfAbsent(name, x -> new ArrayList<>()).add(new double[] {
                        ((Number) r.get("true_mi")).doubleValue(), ((Number) m.get("mean")).doubleValue(), ((Number) m.get("std")).doubleValue()});
            }
        }
        List<Plots.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
            List<double[]> p = e.getValue();
            double[] x = new double[p.size()], y = new double[p.size()], err = new double[p.size()];
            for (int i = 0; i < p.size(); i++) {
                x[i] = p.get(i)[0];
                y[i] = p.get(i)[1];
                err[i] = p.get(i)[2];
            }
            series.add(new Plots.Series(e.getKey(), x, y, err));
        }
        ctx.plots().estimateVsTruth("estimates.png", "Estimated against true MI (" + o.getString("critic") + " critic, held-out batches)",
                "MI (nats)", series);
        // the first configuration as bars: each estimator beside the truth and its ceiling N log K
        Map<String, Object> first = results.get(0);
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>(), ceilings = new ArrayList<>();
        for (Map.Entry<String, Object> e : first.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> m)) continue;
            names.add(e.getKey());
            means.add(((Number) m.get("mean")).doubleValue());
            ceilings.add(((Number) m.get("subviews")).intValue() * ((Number) first.get("log_k")).doubleValue());
        }
        double truth = ((Number) first.get("true_mi")).doubleValue();
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("estimate (held-out mean)", means.stream().mapToDouble(Double::doubleValue).toArray());
        bars.put("true MI", names.stream().mapToDouble(x -> truth).toArray());
        bars.put("ceiling N log K", ceilings.stream().mapToDouble(Double::doubleValue).toArray());
        ctx.plots().bars("estimators.png", String.format(Locale.ROOT, "True MI %.0f nats, K = %s: estimators", truth, first.get("k")),
                "nats", names, bars);
        List<String> keys = new ArrayList<>(List.of("true_mi", "log_k"));
        for (Map.Entry<String, Object> e : results.get(0).entrySet()) if (e.getValue() instanceof Map) keys.add(e.getKey());
        ctx.plots().metricLines("training.png", "Training-batch estimates (configurations follow each other)", "nats", false,
                keys.toArray(new String[0]));
    }
}
