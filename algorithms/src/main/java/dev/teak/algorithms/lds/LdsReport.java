package dev.teak.algorithms.lds;

import dev.teak.algorithms.run.Json;
import dev.teak.algorithms.run.MetricsLog;
import dev.teak.algorithms.run.Plots;
import dev.teak.algorithms.run.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a {@code teak lds} run: {@code summary.json} ({@code accuracy} per model with
 * {@code mean}, {@code std} (population) and the per-seed {@code seeds}; with several retention
 * levels the model names carry {@code _retainNN}), {@code graph.json} (the same-class share of
 * the edge mass before and after learning), and the plots.
 */
final class LdsReport {
    private LdsReport() {}

    static String key(String model, int retain, List<Integer> retains) {
        return retains.size() == 1 ? model : model + "_retain" + retain;
    }

    static void write(RunContext ctx, String dataset, boolean given, List<String> models, List<Integer> retains,
                      List<LdsMethod.UnitResult> results) throws Exception {
        Map<String, Object> accuracy = new LinkedHashMap<>();
        Map<String, Object> graph = new LinkedHashMap<>();
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (String m : models) bars.put(m, new double[retains.size()]);
        for (int ri = 0; ri < retains.size(); ri++) {
            int retain = retains.get(ri);
            for (String m : models) {
                List<Double> accs = new ArrayList<>();
                List<Double> before = new ArrayList<>(), after = new ArrayList<>(), gapB = new ArrayList<>(), gapA = new ArrayList<>();
                double seconds = 0;
                for (LdsMethod.UnitResult r : results) {
                    if (!r.model().equals(m) || r.retain() != retain) continue;
                    accs.add(r.test());
                    before.add(r.shareBefore());
                    after.add(r.shareAfter());
                    gapB.add(r.gapBefore());
                    gapA.add(r.gapAfter());
                    seconds += r.seconds();
                }
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("mean", mean(accs));
                a.put("std", std(accs));
                a.put("seeds", accs);
                accuracy.put(key(m, retain, retains), a);
                bars.get(m)[ri] = 100 * mean(accs);
                if (m.equals("lds")) {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("same_class_share_before", mean(before));
                    g.put("same_class_share_after", mean(after));
                    g.put("same_minus_different_mean_theta_before", mean(gapB));
                    g.put("same_minus_different_mean_theta_after", mean(gapA));
                    g.put("per_seed_share_before", before);
                    g.put("per_seed_share_after", after);
                    g.put("seconds_total", seconds);
                    graph.put(key(m, retain, retains), g);
                }
                if (!m.equals("lds")) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("seconds_total", seconds);
                    graph.putIfAbsent("timing", new LinkedHashMap<String, Object>());
                    @SuppressWarnings("unchecked") Map<String, Object> timing = (Map<String, Object>) graph.get("timing");
                    timing.put(key(m, retain, retains), t);
                }
            }
        }
        List<String> categories = new ArrayList<>();
        for (int r : retains) categories.add(given ? r + "% edges" : dataset);
        ctx.plots().bars("accuracy.png", "Test accuracy on " + dataset + " (mean over seeds)", "accuracy (%)", categories, bars);
        if (models.contains("lds")) shareCurves(ctx, dataset, retains);
        Json.writeAtomic(ctx.outDir().resolve("graph.json"), graph);
        ctx.writeSummary(Map.of("accuracy", accuracy));
    }

    /** Same-class share of the edge mass over outer epochs, one curve per LDS run, from metrics.jsonl. */
    private static void shareCurves(RunContext ctx, String dataset, List<Integer> retains) throws Exception {
        List<Map<String, Object>> lines = MetricsLog.read(ctx.metrics().file());
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (Map<String, Object> l : lines) {
            if (!"lds".equals(l.get("model")) || !l.containsKey("epoch") || !(l.get("same_class_share") instanceof Number s)) continue;
            String name = "seed " + l.get("seed") + (retains.size() > 1 ? ", " + l.get("retain") + "%" : "");
            List<double[]> c = curves.computeIfAbsent(name, k -> new ArrayList<>());
            // x = outer epochs completed; the initial graph is x = 0, read from the run's final line.
            if (c.isEmpty()) {
                for (Map<String, Object> d : lines) {
                    if (Boolean.TRUE.equals(d.get("unit_done")) && "lds".equals(d.get("model")) && String.valueOf(l.get("seed")).equals(String.valueOf(d.get("seed")))
                            && String.valueOf(l.get("retain")).equals(String.valueOf(d.get("retain"))) && d.get("share_before") instanceof Number b) {
                        c.add(new double[] {0, b.doubleValue()});
                        break;
                    }
                }
            }
            c.add(new double[] {((Number) l.get("epoch")).doubleValue() + 1, s.doubleValue()});
        }
        List<Plots.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : curves.entrySet()) {
            double[] x = new double[e.getValue().size()], y = new double[x.length];
            for (int i = 0; i < x.length; i++) { x[i] = e.getValue().get(i)[0]; y[i] = e.getValue().get(i)[1]; }
            series.add(new Plots.Series(e.getKey(), x, y));
        }
        if (!series.isEmpty()) {
            ctx.plots().lines("same_class_share.png", "LDS on " + dataset + ": share of edge mass between same-class nodes",
                    "outer epochs completed (0: initial graph)", "same-class share of sum theta", series, false);
        }
    }

    static double mean(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double s = 0;
        for (double d : v) s += d;
        return s / v.size();
    }

    static double std(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double m = mean(v), s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return Math.sqrt(s / v.size());
    }
}
