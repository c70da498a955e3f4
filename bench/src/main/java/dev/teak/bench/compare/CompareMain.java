package dev.teak.bench.compare;

import dev.teak.nn.io.Npy;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.CpuBackend;
import dev.teak.tensor.cpu.KernelPath;
import dev.teak.tensor.cpu.Parallel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code bench/compare}: every workload of issue 10 in Teak and in PyTorch in one run. For each
 * workload it prepares both sides on identical inputs, checks that they compute the same numbers,
 * warms both up, calibrates a step count per side (about {@code --sample-ms} per round), then
 * alternates rounds (Teak first in even rounds, PyTorch first in odd ones, each after a pause: see settle) and reports medians.
 *
 * <p>Options: {@code --threads N} (default: all cores, both sides), {@code --rounds R} (default 7),
 * {@code --sample-ms M} (default 100), {@code --only REGEX} (workload names), {@code --python PATH},
 * {@code --worker PATH}, {@code --out FILE} (default bench/results/latest.json).
 */
public final class CompareMain {
    private CompareMain() {}

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors(), rounds = 7;
        double sampleSeconds = 0.1;
        Pattern only = Pattern.compile(".*");
        String python = "/usr/bin/python3";
        Path worker = Path.of("bench/python/torch_worker.py"), out = Path.of("bench/results/latest.json");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("bench/compare: option " + a + " needs a value");
            String v = args[++i];
            switch (a) {
                case "--threads" -> threads = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--sample-ms" -> sampleSeconds = Double.parseDouble(v) / 1000;
                case "--only" -> only = Pattern.compile(v);
                case "--python" -> python = v;
                case "--worker" -> worker = Path.of(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("bench/compare: unknown option " + a
                        + " (known: --threads --rounds --sample-ms --only --python --worker --out)");
            }
        }
        if (threads < 1 || rounds < 1) throw new IllegalArgumentException("bench/compare: --threads and --rounds must be >= 1");
        Parallel.setThreads(threads);

        List<Workload> workloads = new ArrayList<>(KernelWorkloads.all());
        workloads.addAll(TrainingWorkloads.all());
        Pattern filter = only;
        workloads.removeIf(w -> !filter.matcher(w.name()).matches());

        String loadStart = loadAverage();
        Path tmp = Files.createTempDirectory("teak-compare");
        List<Result> results = new ArrayList<>();
        String torchInfo;
        try (TorchWorker torch = new TorchWorker(python, worker)) {
            torchInfo = torch.init(threads);
            System.out.printf(Locale.ROOT, "Teak: kernels %s, %d threads, %s, Java %s%n", KernelPath.describe(), Parallel.threads(),
                    CpuBackend.outputs(), System.getProperty("java.vm.version"));
            System.out.println("PyTorch: " + summary(torchInfo));
            System.out.printf(Locale.ROOT, "load average at start: %s; %d rounds per workload, ~%.0f ms per round and side%n%n",
                    loadStart, rounds, sampleSeconds * 1000);
            for (Workload w : workloads) {
                Result r = measure(w, torch, tmp.resolve(w.name()), rounds, sampleSeconds);
                results.add(r);
                System.out.printf(Locale.ROOT, "  %-20s Teak %s  PyTorch %s  ratio %.2f  (check %s)%n", w.name(),
                        Report.time(r.teakMedian()), Report.time(r.torchMedian()), r.ratio(),
                        r.failure() != null ? r.failure() : String.format(Locale.ROOT, "max rel. error %.1e", r.checkError()));
            }
        } finally {
            deleteTree(tmp);
        }
        String loadEnd = loadAverage();
        System.out.println();
        Report.table(System.out, results);
        System.out.printf(Locale.ROOT, "%nratio = PyTorch median / Teak median (above 1: Teak faster). Load average at start %s, at end %s.%n",
                loadStart, loadEnd);
        String header = "  \"date\": " + Json.str(Instant.now().toString())
                + ",\n  \"threads\": " + threads + ",\n  \"rounds\": " + rounds
                + ",\n  \"load_average_start\": " + Json.str(loadStart) + ",\n  \"load_average_end\": " + Json.str(loadEnd)
                + ",\n  \"cores\": " + Runtime.getRuntime().availableProcessors()
                + ",\n  \"teak\": {\"kernels\": " + Json.str(KernelPath.describe()) + ", \"threads\": " + Parallel.threads()
                + ", \"outputs\": " + Json.str(CpuBackend.outputs()) + ", \"java\": " + Json.str(System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")) + "}"
                + ",\n  \"pytorch\": " + torchInfo;
        Report.json(out, header, results);
        System.out.println("wrote " + out);
        System.exit(results.stream().anyMatch(r -> r.failure() != null) ? 1 : 0);
    }

    /**
     * A pause before every timed round of either side. After a BLAS call OpenBLAS's worker
     * threads spin for about 0.1 s before they sleep (measured: 0.10 s of CPU in a 0.15-0.3 s
     * sleep after a 512^3 product, with OMP_WAIT_POLICY=PASSIVE), so on a 2-core machine a round
     * that started right after PyTorch's shared its cores with them (Teak's matmul 512: 1.09 ms
     * in the harness against 0.69 ms alone). Teak's pool parks its threads at once.
     */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long SETTLE_MS = 200;

    private static Result measure(Workload w, TorchWorker torch, Path dir, int rounds, double sample) {
        Workload.Bound teak;
        double err;
        try {
            Files.createDirectories(dir);
            teak = w.setup().prepare(dir);
            torch.setup(w, dir);
            int count = torch.check(w, dir);
            List<NdArray> mine = teak.outputs();
            if (count != mine.size()) return Result.failed(w, "Teak gives " + mine.size() + " outputs, PyTorch " + count);
            err = 0;
            for (int i = 0; i < count; i++) {
                NdArray theirs = Npy.load(dir.resolve("torch_out_" + i + ".npy"));
                err = Math.max(err, relativeError(mine.get(i), theirs, w.name() + " output " + i));
            }
            if (!(err <= w.rtol())) {
                return Result.failed(w, String.format(Locale.ROOT, "results differ: max error %.2e of the largest magnitude > %.0e", err, w.rtol()));
            }
            // Warm-up: the JIT needs several hundred ms of a loop; PyTorch's allocator a few steps.
            double teakStep = warm(teak::step, sample);
            double torchStep = torch.run(w, 1);
            int torchWarm = Math.max(1, (int) (Math.max(0.3, 2 * sample) / torchStep));
            torchStep = torch.run(w, torchWarm) / torchWarm;
            int nTeak = Math.max(1, (int) Math.round(sample / teakStep)), nTorch = Math.max(1, (int) Math.round(sample / torchStep));
            double[] t = new double[rounds], p = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    settle();
                    t[r] = time(teak, nTeak);
                    settle();
                    p[r] = torch.run(w, nTorch) / nTorch;
                } else {
                    settle();
                    p[r] = torch.run(w, nTorch) / nTorch;
                    settle();
                    t[r] = time(teak, nTeak);
                }
            }
            torch.free(w);
            return new Result(w, t, p, nTeak, nTorch, err, true, null);
        } catch (IOException | RuntimeException e) {
            return Result.failed(w, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Warms the JIT up: batches of at least 0.3 s until the per-step time has not improved by
     * 3 % for three batches, after at least 4 s and at most 20 s. C2 compiles a Transformer step's
     * methods over 6-9 s on two cores (its step went from 60-90 ms in the first 3 s to 30 ms in
     * the next 3 and 20 ms after that), and 100 ms batches, each a few steps, stopped improving
     * by chance before then: the rounds timed code still being compiled. On a loaded machine the
     * compiler threads get even less CPU. Returns the best per-step time seen.
     */
    private static double warm(Runnable step, double sample) {
        long start = System.nanoTime();
        double best = Double.MAX_VALUE, batch = Math.max(sample, 0.3);
        int stale = 0;
        while (true) {
            long t0 = System.nanoTime();
            int n = 0;
            do { step.run(); n++; } while (System.nanoTime() - t0 < batch * 1e9);
            double per = (System.nanoTime() - t0) * 1e-9 / n, elapsed = (System.nanoTime() - start) * 1e-9;
            if (per < 0.97 * best) { best = per; stale = 0; } else stale++;
            if (elapsed > 20 || elapsed > 4 && stale >= 3) return best;
        }
    }

    private static double time(Workload.Bound b, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) b.step();
        return (System.nanoTime() - t0) * 1e-9 / n;
    }

    /** max |a - b| / max |b|, after checking the shapes agree. */
    static double relativeError(NdArray mine, NdArray theirs, String what) {
        if (!java.util.Arrays.equals(mine.shape(), theirs.shape())) {
            throw new IllegalStateException(what + ": Teak shape " + java.util.Arrays.toString(mine.shape())
                    + " but PyTorch " + java.util.Arrays.toString(theirs.shape()));
        }
        double[] a = mine.toDoubleArray(), b = theirs.toDoubleArray();
        double diff = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
            if (Double.isNaN(a[i]) != Double.isNaN(b[i])) return Double.POSITIVE_INFINITY;
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** The BLAS kernel, thread counts and version out of the worker's JSON description. */
    private static String summary(String info) {
        return "torch " + field(info, "torch") + ", " + field(info, "threads") + " threads, OpenBLAS core "
                + field(info, "core") + " (" + field(info, "config") + "), CPU capability " + field(info, "cpu_capability");
    }

    private static String field(String json, String key) {
        var m = Pattern.compile("\"" + key + "\":\\s*(\"([^\"]*)\"|[^,}]+)").matcher(json);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(1).trim()) : "?";
    }

    private static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
