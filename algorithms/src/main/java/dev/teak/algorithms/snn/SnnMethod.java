package dev.teak.algorithms.snn;

import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.MetricsLog;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.Plots;
import dev.teak.algorithms.run.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code teak snn}: spiking text classification by conversion and fine-tuning (Lv, Xu and Zheng,
 * ICLR 2023). Runs {@link SnnExperiment} on one set (all folds of the cross-validation for MR and
 * Subj, up to {@code --max-folds}) and writes {@code summary.json} with {@code accuracy},
 * {@code energy_ratio} and {@code attacked_accuracy}, each a map from model ({@code dnn},
 * {@code snn_converted}, {@code snn_finetuned}, {@code snn_direct}) to its mean over folds.
 */
public final class SnnMethod implements Method {
    @Override public String name() { return "snn"; }

    @Override public String description() {
        return "spiking TextCNN: DNN -> converted SNN -> surrogate-gradient fine-tuning, with energy and word-swap attack (Lv et al. 2023)";
    }

    @Override public List<OptionSpec> options() { return SnnConfig.options(); }

    @Override public void run(RunContext ctx) throws Exception {
        SnnConfig c = SnnConfig.from(ctx.options());
        int folds = TextData.crossValidated(c.data()) ? Math.min(c.folds(), c.maxFolds()) : 1;
        Map<String, Object> results = new LinkedHashMap<>();
        ctx.checkpoint().latest().ifPresent(s -> results.putAll(s.state()));
        Map<String, List<double[]>> perModel = new LinkedHashMap<>();
        for (String m : SnnExperiment.MODELS) perModel.put(m, new ArrayList<>());
        SnnExperiment exp = new SnnExperiment(ctx, c);
        for (int fold = 0; fold < folds; fold++) {
            String p = "fold" + fold + ".";
            Map<String, double[]> r;
            if (SnnExperiment.num(results.get(p + "stages")) == 6) {
                r = new LinkedHashMap<>();
                for (String m : SnnExperiment.MODELS) {
                    r.put(m, new double[] {SnnExperiment.num(results.get(p + m + ".accuracy")),
                            SnnExperiment.num(results.get(p + m + ".energy_ratio")), SnnExperiment.num(results.get(p + m + ".attacked_accuracy"))});
                }
            } else {
                r = exp.run(fold, (long) fold * c.unitsPerFold(), results);
            }
            r.forEach((m, v) -> perModel.get(m).add(v));
        }
        Map<String, Object> accuracy = new LinkedHashMap<>(), energy = new LinkedHashMap<>(), attacked = new LinkedHashMap<>();
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("test accuracy", new double[4]);
        bars.put("attacked accuracy", new double[4]);
        int i = 0;
        for (var e : perModel.entrySet()) {
            double[] mean = new double[3];
            for (double[] v : e.getValue()) for (int k = 0; k < 3; k++) mean[k] += v[k] / e.getValue().size();
            accuracy.put(e.getKey(), mean[0]);
            energy.put(e.getKey(), mean[1]);
            attacked.put(e.getKey(), mean[2]);
            bars.get("test accuracy")[i] = mean[0];
            bars.get("attacked accuracy")[i] = mean[2];
            i++;
        }
        ctx.plots().bars("accuracy.png", "snn on " + c.data() + " (" + folds + " fold" + (folds > 1 ? "s" : "") + ")", "accuracy",
                SnnExperiment.MODELS, bars);
        List<Map<String, Object>> lines = MetricsLog.read(ctx.metrics().file());
        ctx.plots().lines("dev_accuracy.png", "Dev accuracy per epoch (fold 0)", "epoch", "dev accuracy", stageSeries(lines, "dev_accuracy"), false);
        ctx.plots().lines("loss.png", "Training loss per epoch (fold 0; rate loss for the SNNs)", "epoch", "loss", stageSeries(lines, "loss"), false);
        ctx.note("accuracy " + accuracy + ", energy ratio " + energy + ", attacked " + attacked);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("accuracy", accuracy);
        summary.put("energy_ratio", energy);
        summary.put("attacked_accuracy", attacked);
        ctx.writeSummary(summary);
    }

    /**
     * One series per training stage of fold 0 ({@code dnn}, {@code finetuned}, {@code direct}):
     * {@code key} against the epoch, the SNNs' starting dev accuracy at epoch -1.
     */
    static List<Plots.Series> stageSeries(List<Map<String, Object>> lines, String key) {
        List<Plots.Series> out = new ArrayList<>();
        for (String stage : List.of("dnn", "finetuned", "direct")) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> l : lines) {
                if (SnnExperiment.num(l.get("fold")) != 0 || !(l.get(key) instanceof Number v)) continue;
                // The SNNs' dev accuracy before training (the converted network, for fine-tuning) sits at epoch -1.
                if (stage.equals(l.get("stage"))) pts.add(new double[] {SnnExperiment.num(l.get("epoch")), v.doubleValue()});
                else if ((stage + "_start").equals(l.get("stage"))) pts.add(new double[] {-1, v.doubleValue()});
            }
            if (pts.isEmpty()) continue;
            double[] x = new double[pts.size()], y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            out.add(new Plots.Series(stage, x, y));
        }
        return out;
    }
}
