package dev.teak.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The console table and {@code bench/results/latest.json} of a {@code bench/compare} run. */
final class Report {
    private Report() {}

    static void table(PrintStream out, List<Result> results) {
        String fmt = "%-20s %11s %11s %7s  %-19s %-19s %6s %-6s%n";
        out.printf(Locale.ROOT, fmt, "workload", "Teak", "PyTorch", "ratio", "Teak min-max", "PyTorch min-max", "target", "");
        for (Result r : results) {
            if (r.failure() != null) {
                out.printf(Locale.ROOT, "%-20s FAILED: %s%n", r.workload().name(), r.failure());
                continue;
            }
            double t = r.workload().target();
            out.printf(Locale.ROOT, fmt, r.workload().name(), time(r.teakMedian()), time(r.torchMedian()),
                    String.format(Locale.ROOT, "%.2f", r.ratio()),
                    time(Result.min(r.teak())) + "-" + time(Result.max(r.teak())).trim(),
                    time(Result.min(r.torch())) + "-" + time(Result.max(r.torch())).trim(),
                    Double.isNaN(t) ? "-" : String.format(Locale.ROOT, ">=%.1f", t), r.verdict());
        }
    }

    /** Seconds in the unit that keeps 3-4 significant digits. */
    static String time(double s) {
        if (Double.isNaN(s)) return "n/a";
        if (s >= 1) return String.format(Locale.ROOT, "%.3f s", s);
        if (s >= 1e-3) return String.format(Locale.ROOT, "%.3f ms", s * 1e3);
        return String.format(Locale.ROOT, "%.2f us", s * 1e6);
    }

    static void json(Path file, String header, List<Result> results) throws IOException {
        StringBuilder b = new StringBuilder("{\n").append(header).append(",\n  \"workloads\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            Workload w = r.workload();
            b.append("    {\"name\": ").append(Json.str(w.name()))
             .append(", \"group\": ").append(Json.str(w.group()))
             .append(", \"teak_median_s\": ").append(Json.num(r.teakMedian()))
             .append(", \"torch_median_s\": ").append(Json.num(r.torchMedian()))
             .append(", \"ratio_torch_over_teak\": ").append(Json.num(r.ratio()))
             .append(", \"teak_min_s\": ").append(Json.num(Result.min(r.teak())))
             .append(", \"teak_max_s\": ").append(Json.num(Result.max(r.teak())))
             .append(", \"torch_min_s\": ").append(Json.num(Result.min(r.torch())))
             .append(", \"torch_max_s\": ").append(Json.num(Result.max(r.torch())))
             .append(", \"rounds\": ").append(r.teak().length)
             .append(", \"teak_steps_per_round\": ").append(r.teakIters())
             .append(", \"torch_steps_per_round\": ").append(r.torchIters())
             .append(", \"target\": ").append(Json.num(w.target()))
             .append(", \"verdict\": ").append(Json.str(r.verdict()))
             .append(", \"check_max_rel_error\": ").append(Json.num(r.checkError()))
             .append(", \"check_tolerance\": ").append(Json.num(w.rtol()))
             .append(", \"failure\": ").append(r.failure() == null ? "null" : Json.str(r.failure()))
             .append('}').append(i + 1 < results.size() ? ",\n" : "\n");
        }
        b.append("  ]\n}\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}
