package dev.teak.bench.compare;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch peer: one long-lived Python process ({@code bench/python/torch_worker.py}) spoken to
 * in JSON lines over its stdin and stdout, so that Teak and PyTorch rounds can alternate within
 * one run. The process gets the harness's environment minus {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE}, so OpenBLAS picks its native kernel for this CPU.
 *
 * <p>{@code OMP_WAIT_POLICY} is PASSIVE unless the caller's environment sets it: on a machine
 * with more runnable threads than cores (a shared build box), OpenMP's active spinning next to
 * OpenBLAS's own threads made a PyTorch MLP step 40 times slower (630 ms instead of 14 ms at
 * load 12 on 2 cores), which would compare Teak with a crippled peer.
 */
final class TorchWorker implements AutoCloseable {
    private static final Pattern SECONDS = Pattern.compile("\"seconds\":\\s*([0-9.eE+-]+)");
    private static final Pattern OUTPUTS = Pattern.compile("\"outputs\":\\s*(\\d+)");
    private static final Pattern ERROR = Pattern.compile("\"error\":\\s*\"(.*)\"");

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    TorchWorker(String python, Path script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(python, "-u", script.toString()));
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        process = pb.start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sets the thread count and returns the worker's description (versions, BLAS, threads) as JSON. */
    String init(int threads) throws IOException {
        String ans = call("{\"op\":\"init\",\"threads\":" + threads + "}");
        int at = ans.indexOf("\"info\":");
        return ans.substring(at + 7, ans.lastIndexOf('}')).trim();
    }

    void setup(Workload w, Path dir) throws IOException {
        StringBuilder p = new StringBuilder("{");
        for (Map.Entry<String, Integer> e : w.params().entrySet()) {
            if (p.length() > 1) p.append(',');
            p.append(Json.str(e.getKey())).append(':').append(e.getValue());
        }
        p.append('}');
        call("{\"op\":\"setup\",\"name\":" + Json.str(w.name()) + ",\"kind\":" + Json.str(w.kind())
                + ",\"dir\":" + Json.str(dir.toString()) + ",\"params\":" + p + "}");
    }

    /** Writes PyTorch's outputs as {@code torch_out_<i>.npy} into {@code dir}; returns their count. */
    int check(Workload w, Path dir) throws IOException {
        String ans = call("{\"op\":\"check\",\"name\":" + Json.str(w.name()) + ",\"dir\":" + Json.str(dir.toString()) + "}");
        Matcher m = OUTPUTS.matcher(ans);
        if (!m.find()) throw new IOException("torch worker: no output count in " + ans);
        return Integer.parseInt(m.group(1));
    }

    /** Wall seconds of {@code iters} consecutive steps, timed inside the worker. */
    double run(Workload w, int iters) throws IOException {
        String ans = call("{\"op\":\"run\",\"name\":" + Json.str(w.name()) + ",\"iters\":" + iters + "}");
        Matcher m = SECONDS.matcher(ans);
        if (!m.find()) throw new IOException("torch worker: no timing in " + ans);
        return Double.parseDouble(m.group(1));
    }

    void free(Workload w) throws IOException { call("{\"op\":\"free\",\"name\":" + Json.str(w.name()) + "}"); }

    private String call(String request) throws IOException {
        in.write(request);
        in.write('\n');
        in.flush();
        String ans = out.readLine();
        if (ans == null) throw new IOException("torch worker exited (code " + exitCode() + ") on request " + request);
        if (!ans.contains("\"ok\": true")) {
            Matcher m = ERROR.matcher(ans);
            throw new IOException("torch worker failed on " + request + ": " + (m.find() ? m.group(1) : ans));
        }
        return ans;
    }

    private String exitCode() {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.write("{\"op\":\"quit\"}\n");
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
