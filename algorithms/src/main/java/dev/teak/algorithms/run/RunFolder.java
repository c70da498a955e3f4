package dev.teak.algorithms.run;

import dev.teak.tensor.Info;
import dev.teak.tensor.cpu.KernelPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The layout of a run folder and the two ways into it: {@link #create} for a new run (writes
 * {@code config.json} first) and {@link #resume} for {@code --resume} (reopens the folder, rolls
 * {@code metrics.jsonl} back to the last checkpoint, records the resumption in
 * {@code config.json}).
 *
 * <pre>
 * config.json      every option, seed, device, threads, Teak version, kernel path, Java version
 * metrics.jsonl    one JSON object per step or epoch
 * summary.json     the final figures (present once the run completed)
 * *.png            plots
 * checkpoint/      LATEST + step-N/state.json (+ binary files) for --resume
 * </pre>
 */
public final class RunFolder {
    private RunFolder() {}

    public static final String CONFIG = "config.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** {@code runs/<method>-<yyyyMMdd-HHmmss>} under {@code base}, with {@code -2}, {@code -3}... if taken. */
    public static Path defaultDir(Path base, String method, LocalDateTime now) {
        Path p = base.resolve("runs").resolve(method + "-" + STAMP.format(now));
        for (int i = 2; Files.exists(p); i++) p = base.resolve("runs").resolve(method + "-" + STAMP.format(now) + "-" + i);
        return p;
    }

    /** Starts a new run in {@code dir}, which must not exist or be empty. */
    public static RunContext create(Path dir, RunSettings s) throws IOException {
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            throw new IllegalArgumentException("output folder " + dir + " already exists and is not empty: pass --resume to "
                    + "continue the run in it, or choose another --out");
        }
        Files.createDirectories(dir);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("method", s.method());
        config.put("options", s.options().asMap());
        config.put("seed", s.seed());
        config.putAll(environment(s));
        config.put("resumes", List.of());
        Json.writeAtomic(dir.resolve(CONFIG), config);
        Checkpoint checkpoint = Checkpoint.open(dir);
        return new RunContext(s, dir, false, MetricsLog.open(dir, -1), checkpoint);
    }

    /**
     * Reads the {@code config.json} of an existing run, for {@code --resume}.
     *
     * @throws IllegalArgumentException when the folder or its config is missing
     */
    public static Map<String, Object> readConfig(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--resume: no run folder " + dir + " (it does not exist)");
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--resume: " + dir + " holds no " + CONFIG + ", so it is not a teak run folder");
        }
        return Json.read(config);
    }

    /** Whether the run in {@code dir} finished (its summary was written). */
    public static boolean isComplete(Path dir) { return Files.isRegularFile(dir.resolve(RunContext.SUMMARY)); }

    /**
     * Continues the run in {@code dir}: {@code s} holds the stored option values (the CLI
     * checked that nothing that matters differs). Metrics after the last checkpoint are
     * dropped, because the method redoes those steps.
     */
    public static RunContext resume(Path dir, RunSettings s) throws IOException {
        Map<String, Object> config = readConfig(dir);
        Checkpoint checkpoint = Checkpoint.open(dir);
        long last = checkpoint.latest().map(Checkpoint.Saved::step).orElse(-1L);
        Path metrics = dir.resolve(MetricsLog.FILE);
        int kept = MetricsLog.truncate(metrics, last);

        List<Object> resumes = new ArrayList<>(config.get("resumes") instanceof List<?> l ? l : List.of());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("from_step", last + 1);
        entry.put("metrics_lines_kept", kept);
        // Options that may change on resume (they do not change the result) and did.
        Map<?, ?> stored = config.get("options") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> changed = new LinkedHashMap<>();
        s.options().asMap().forEach((k, v) -> {
            if (!Json.line(v).equals(Json.line(stored.get(k)))) changed.put(k, v);
        });
        if (!changed.isEmpty()) entry.put("changed_options", changed);
        entry.putAll(environment(s));
        resumes.add(entry);
        config.put("resumes", resumes);
        Json.writeAtomic(dir.resolve(CONFIG), config);
        return new RunContext(s, dir, true, MetricsLog.open(dir, last), checkpoint);
    }

    /** Where and on what the run executes; recorded at the start and at every resumption. */
    private static Map<String, Object> environment(RunSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", s.device().toString());
        m.put("threads", s.threads());
        m.put("teak_version", Info.version());
        m.put("kernel_path", KernelPath.describe());
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name"));
        m.put("started", OffsetDateTime.now().withNano(0).toString());
        return m;
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
