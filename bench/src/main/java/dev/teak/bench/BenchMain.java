package dev.teak.bench;

import dev.teak.tensor.cpu.Gemm;
import dev.teak.tensor.cpu.KernelPath;
import dev.teak.tensor.cpu.Parallel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks (JMH command-line options pass through, e.g. {@code -p size=1024} or a
 * benchmark regex) and prints the summary table: workload, Teak, peer, ratio. For matmul the
 * numbers are GFLOP/s ({@code 2 n^3 / time}) and the peer is EJML; for the kernels they are
 * million elements per second and the peer is Teak's own scalar path.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder ob = new OptionsBuilder();
        if (cli.getIncludes().isEmpty()) {
            ob.include(MatmulBench.class.getSimpleName()).include(KernelBench.class.getSimpleName());
        }
        Options opts = ob.parent(cli).build();
        System.out.println("Teak kernels: " + KernelPath.describe() + "; gemm: " + Gemm.describe()
                + "; threads: " + Parallel.threads() + "; JVM " + System.getProperty("java.vm.version"));
        Collection<RunResult> results = new Runner(opts).run();
        System.out.println();
        System.out.print(table(results));
    }

    /** One row per workload; a row whose two sides were not both measured is left out. */
    static String table(Collection<RunResult> results) {
        // score (time per op, in the benchmark's unit) by "benchmark|param"
        Map<String, Double> ms = new TreeMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String name = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
            double score = r.getPrimaryResult().getScore();
            String unit = r.getPrimaryResult().getScoreUnit();
            if (name.startsWith("MatmulBench.")) {
                ms.put(name + "|" + r.getParams().getParam("size"), toMillis(score, unit));
            } else if (name.startsWith("KernelBench.")) {
                ms.put("KernelBench." + r.getParams().getParam("path") + "|" + r.getParams().getParam("op"), toMillis(score, unit));
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", "Teak", "peer", "ratio"});
        for (String size : new String[] {"256", "512", "1024", "2048"}) {
            Double teak = ms.get("MatmulBench.teak|" + size);
            double n = Double.parseDouble(size), flop = 2 * n * n * n;
            for (String[] peer : new String[][] {{"ejml", "EJML"}, {"ejmlConcurrent", "EJML MT"}}) {
                Double other = ms.get("MatmulBench." + peer[0] + "|" + size);
                if (teak == null || other == null) continue;
                double g = flop / (teak * 1e6), p = flop / (other * 1e6);
                rows.add(new String[] {"matmul f32 " + size + " GFLOP/s, peer " + peer[1], f(g), f(p), f(g / p) + "x"});
            }
        }
        for (String op : new String[] {"add", "mul", "exp", "sum"}) {
            Double active = ms.get("KernelBench.active|" + op), scalar = ms.get("KernelBench.scalar|" + op);
            if (active == null || scalar == null) continue;
            double a = KernelBench.N / (active * 1e3), s = KernelBench.N / (scalar * 1e3);
            rows.add(new String[] {op + " 1e6 f32 Melem/s, Teak vector vs scalar", f(a), f(s), f(a / s) + "x"});
        }
        int[] w = new int[4];
        for (String[] r : rows) for (int i = 0; i < 4; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < rows.size(); j++) {
            String[] r = rows.get(j);
            sb.append(String.format(Locale.ROOT, "%-" + w[0] + "s  %" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s%n", (Object[]) r));
            if (j == 0) sb.append("-".repeat(w[0] + w[1] + w[2] + w[3] + 6)).append('\n');
        }
        return sb.toString();
    }

    private static double toMillis(double score, String unit) {
        switch (unit) {
            case "ms/op": return score;
            case "us/op": return score / 1e3;
            case "ns/op": return score / 1e6;
            case "s/op": return score * 1e3;
            default: throw new IllegalArgumentException("BenchMain: unexpected score unit " + unit + "; use -bm avgt");
        }
    }

    private static String f(double v) { return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v); }
}
