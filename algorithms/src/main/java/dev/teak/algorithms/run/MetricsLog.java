package dev.teak.algorithms.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, each with an integer {@code "step"} first,
 * flushed after every line so that a crash loses at most the line being written. Steps never
 * decrease; several lines may share a step (a training line and an evaluation line, say).
 *
 * <p>On {@code --resume}, {@link #truncate} keeps exactly the lines up to the last checkpointed
 * step (and drops a torn last line), so the continued run neither repeats nor skips a step.
 */
public final class MetricsLog implements Closeable {
    public static final String FILE = "metrics.jsonl";

    private final Path file;
    private final BufferedWriter writer;
    private long lastStep;

    private MetricsLog(Path file, long lastStep) throws IOException {
        this.file = file;
        this.lastStep = lastStep;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Opens {@code dir/metrics.jsonl} for appending after {@code lastStep} (-1 when empty). */
    static MetricsLog open(Path dir, long lastStep) throws IOException {
        return new MetricsLog(dir.resolve(FILE), lastStep);
    }

    public Path file() { return file; }

    /** The step of the last line written, or -1 before any. */
    public long lastStep() { return lastStep; }

    /** Writes {@code {"step": step, ...values}} and flushes it. */
    public synchronized void log(long step, Map<String, ?> values) throws IOException {
        if (step < 0) throw new IllegalArgumentException("metrics: step must be >= 0, got " + step);
        if (step < lastStep) {
            throw new IllegalArgumentException("metrics: step " + step + " comes after step " + lastStep + "; steps never decrease");
        }
        if (values.containsKey("step")) throw new IllegalArgumentException("metrics: 'step' is set by the log, not a value");
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.putAll(values);
        writer.write(Json.line(line));
        writer.write('\n');
        writer.flush();
        lastStep = step;
    }

    /** {@code log(step, "loss", 0.25, "lr", 0.1)}: names and values alternate. */
    public void log(long step, Object... namesAndValues) throws IOException {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("metrics: names and values must alternate, got " + namesAndValues.length + " items");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("metrics: item " + i + " should be a name, got " + namesAndValues[i]);
            }
            m.put(name, namesAndValues[i + 1]);
        }
        log(step, m);
    }

    @Override public synchronized void close() throws IOException { writer.close(); }

    /**
     * Reads every complete, valid line; stops at the first line that is not a JSON object with
     * a step (a line torn by a crash can only be the last one).
     */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Line l : lines(file)) out.add(l.values());
        return out;
    }

    private record Line(String text, Map<String, Object> values) {}

    private static List<Line> lines(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) break;                       // no newline: the write was torn
            String raw = text.substring(start, nl);
            Map<String, Object> m;
            try {
                m = Json.parseObject(raw);
            } catch (IOException e) {
                break;
            }
            if (!(m.get("step") instanceof Number)) break;
            out.add(new Line(raw, m));
            start = nl + 1;
        }
        return out;
    }

    /**
     * Rewrites {@code file} (atomically) to hold only its valid lines whose step is at most
     * {@code lastStep}, byte for byte; {@code lastStep = -1} empties it. Returns how many lines
     * were kept.
     */
    static int truncate(Path file, long lastStep) throws IOException {
        StringBuilder kept = new StringBuilder();
        int n = 0;
        for (Line l : lines(file)) {
            if (((Number) l.values().get("step")).longValue() > lastStep) break;
            kept.append(l.text()).append('\n');
            n++;
        }
        byte[] bytes = kept.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        return n;
    }

    /** The values of one key over the lines that have it as a number: {@code [steps, values]}. */
    public static double[][] series(List<Map<String, Object>> lines, String key) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Object> m : lines) {
            if (m.get(key) instanceof Number v) pts.add(new double[] {((Number) m.get("step")).doubleValue(), v.doubleValue()});
        }
        double[][] xy = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) { xy[0][i] = pts.get(i)[0]; xy[1][i] = pts.get(i)[1]; }
        return xy;
    }
}
