package dev.teak.algorithms.iehgcn;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.Plots;
import dev.teak.algorithms.run.Progress;
import dev.teak.algorithms.run.RunContext;
import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.optim.Adam;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The efficiency claim (spec "Complexity": O(L (Σ nnz(A) d + Σ n d²)), no meta-path graph
 * materialised): training-epoch time of ie-HGCN on planted networks whose node and edge counts
 * double together (constant mean degree), from about 15,600 to about 10^6 edges. The slope of
 * log(time) against log(edges) is 1 for linear cost. One size is one checkpointed unit.
 *
 * <p>Both wall-clock seconds and the CPU seconds of this process are measured; on a machine
 * shared with other jobs the wall clock mostly measures the others, so the slope is fitted to
 * CPU time.
 */
public final class Scaling {
    private Scaling() {}

    public static void run(RunContext ctx, int maxScale, int timedEpochs, ModelFactory.Settings s) throws Exception {
        List<Integer> scales = new ArrayList<>();
        for (int k = 1; k <= maxScale; k *= 2) scales.add(k);
        Checkpoint ck = ctx.checkpoint();
        List<Double> edges = new ArrayList<>(), secs = new ArrayList<>(), cpu = new ArrayList<>();
        if (ck.latest().isPresent()) {
            for (double v : ck.latest().get().getDoubles("edges")) edges.add(v);
            for (double v : ck.latest().get().getDoubles("seconds_per_epoch")) secs.add(v);
            for (double v : ck.latest().get().getDoubles("cpu_seconds_per_epoch")) cpu.add(v);
        }
        try (Progress p = ctx.progress("scaling", ck.nextStep(), scales.size())) {
            for (int u = (int) ck.nextStep(); u < scales.size(); u++) {
                Generator gen = new Generator(ctx.seed() + u);
                HinData.Dataset d = SyntheticHin.planted(SyntheticHin.Spec.scaled(scales.get(u)), gen);
                IeHgcn model = ModelFactory.ieHgcn(d, s, IeHgcnLayer.Fusion.ATTENTION, gen);
                double[] sec = secondsPerEpoch(model, d.split(), timedEpochs, gen);
                edges.add((double) d.graph().edges());
                secs.add(sec[0]);
                cpu.add(sec[1]);
                ctx.metrics().log(u, "edges", d.graph().edges(), "nodes", nodes(d.graph()), "seconds_per_epoch", sec[0], "cpu_seconds_per_epoch", sec[1]);
                ck.save(u, Map.of("edges", edges, "seconds_per_epoch", secs, "cpu_seconds_per_epoch", cpu));
                p.message(String.format(Locale.ROOT, "%d edges: %.3f s/epoch (%.3f CPU s)", d.graph().edges(), sec[0], sec[1]));
                p.step();
            }
        }
        double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray(), t = secs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] c = cpu.stream().mapToDouble(Double::doubleValue).toArray();
        double slope = logLogSlope(e, c);
        ctx.note(String.format(Locale.ROOT, "log-log slope of CPU time per epoch against edges: %.3f (1 = linear); wall clock: %.3f",
                slope, logLogSlope(e, t)));
        ctx.plots().lines("scaling.png", "ie-HGCN training epoch time", "edges", "seconds per epoch",
                List.of(new Plots.Series("CPU seconds (this process)", e, c), new Plots.Series("wall-clock seconds", e, t)), true);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("edges", e);
        summary.put("seconds_per_epoch", t);
        summary.put("cpu_seconds_per_epoch", c);
        summary.put("loglog_slope", slope);
        summary.put("loglog_slope_wall", logLogSlope(e, t));
        ctx.writeSummary(summary);
    }

    private static long nodes(HeteroGraph g) {
        long n = 0;
        for (String t : g.types()) n += g.count(t);
        return n;
    }

    /** Median wall-clock and process-CPU seconds of {@code epochs} full training steps (forward, backward, Adam) after one warm-up step. */
    static double[] secondsPerEpoch(IeHgcn model, Split split, int epochs, Generator gen) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Adam opt = new Adam(model.parameters(), 0.01, 0.9, 0.999, 1e-8, 5e-4, false);
        long[] idx = new long[split.train().length];
        for (int i = 0; i < idx.length; i++) idx[i] = split.train()[i];
        NdArray trainIdx = NdArray.of(idx), y = NdArray.of(toLong(split.labelsOf(split.train())));
        double[] times = new double[epochs], cpu = new double[epochs];
        model.train();
        for (int e = -1; e < epochs; e++) {
            long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
            Tensor loss = F.crossEntropy(model.logits(gen).indexSelect(0, trainIdx), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            if (e >= 0) {
                times[e] = (System.nanoTime() - t0) / 1e9;
                cpu[e] = (os.getProcessCpuTime() - c0) / 1e9;
            }
        }
        java.util.Arrays.sort(times);
        java.util.Arrays.sort(cpu);
        return new double[] {times[epochs / 2], cpu[epochs / 2]};
    }

    private static long[] toLong(int[] a) {
        long[] v = new long[a.length];
        for (int i = 0; i < a.length; i++) v[i] = a[i];
        return v;
    }

    /** Least-squares slope of log(y) on log(x). */
    static double logLogSlope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += Math.log(x[i]) / n; my += Math.log(y[i]) / n; }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
