package dev.teak.algorithms.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resumable state of a run, in {@code <out>/checkpoint/}. Each save is a folder
 * {@code step-<n>/} holding {@code state.json} (small JSON state: counters, scalars, random
 * generator states) and any binary files the method writes there itself (weights, say);
 * the file {@code LATEST} names the folder in force.
 *
 * <p>A save is all-or-nothing: the folder is filled under a temporary name, renamed, and only
 * then does {@code LATEST} (replaced atomically) point to it; older folders are removed last.
 * A crash at any point leaves {@code LATEST} naming a complete checkpoint.
 */
public final class Checkpoint {
    public static final String DIR = "checkpoint";
    static final String LATEST = "LATEST";
    static final String STATE = "state.json";

    private final Path root;
    private Saved latest;

    private Checkpoint(Path root, Saved latest) {
        this.root = root;
        this.latest = latest;
    }

    /** Opens the checkpoint folder of a run folder, reading the latest save if there is one. */
    static Checkpoint open(Path runDir) throws IOException {
        Path root = runDir.resolve(DIR);
        Path pointer = root.resolve(LATEST);
        if (!Files.exists(pointer)) return new Checkpoint(root, null);
        String name = Files.readString(pointer).trim();
        Path dir = root.resolve(name);
        Path state = dir.resolve(STATE);
        if (!name.matches("step-\\d+") || !Files.isRegularFile(state)) {
            throw new IOException(pointer + " names '" + name + "', which holds no " + STATE + ": the checkpoint is damaged");
        }
        Map<String, Object> json = Json.read(state);
        if (!(json.get("step") instanceof Number n)) throw new IOException(state + ": no integer 'step'");
        json.remove("step");
        return new Checkpoint(root, new Saved(n.longValue(), json, dir));
    }

    /** The last completed save, empty for a fresh run or one that crashed before its first save. */
    public Optional<Saved> latest() { return Optional.ofNullable(latest); }

    /** The step after the latest save: where a resumed loop starts (0 when there is none). */
    public long nextStep() { return latest == null ? 0 : latest.step() + 1; }

    /** Saves a JSON-only checkpoint for {@code step}. */
    public void save(long step, Map<String, ?> state) throws IOException { begin(step).commit(state); }

    /** Starts a checkpoint with binary files: write them to {@link Writer#file}, then {@link Writer#commit}. */
    public Writer begin(long step) throws IOException {
        if (step < 0) throw new IllegalArgumentException("checkpoint: step must be >= 0, got " + step);
        if (latest != null && step < latest.step()) {
            throw new IllegalArgumentException("checkpoint: step " + step + " is before the saved step " + latest.step());
        }
        Files.createDirectories(root);
        Path tmp = root.resolve(".step-" + step + ".tmp");
        deleteTree(tmp);
        Files.createDirectory(tmp);
        return new Writer(step, tmp);
    }

    /** One checkpoint being written. */
    public final class Writer {
        private final long step;
        private final Path tmp;
        private boolean done;

        private Writer(long step, Path tmp) { this.step = step; this.tmp = tmp; }

        /** Where the method writes a binary file {@code name} of this checkpoint. */
        public Path file(String name) {
            if (name.contains("/") || name.contains("\\") || name.equals(STATE) || name.startsWith(".")) {
                throw new IllegalArgumentException("checkpoint: bad file name '" + name + "'");
            }
            return tmp.resolve(name);
        }

        /** Writes the JSON state, publishes the folder and removes older checkpoints. */
        public void commit(Map<String, ?> state) throws IOException {
            if (done) throw new IllegalStateException("checkpoint for step " + step + " was already committed");
            if (state.containsKey("step")) throw new IllegalArgumentException("checkpoint: 'step' is set by the checkpoint");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("step", step);
            json.putAll(state);
            Json.writeAtomic(tmp.resolve(STATE), json);
            String name = String.format("step-%012d", step);
            Path dir = root.resolve(name);
            deleteTree(dir);                       // a save of this step whose LATEST update was lost
            AtomicFiles.move(tmp, dir);
            AtomicFiles.write(root.resolve(LATEST), out -> out.write((name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            done = true;
            latest = new Saved(step, Json.read(dir.resolve(STATE)), dir);
            latest.state().remove("step");
            removeAllBut(name);
        }
    }

    private void removeAllBut(String keep) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && !n.equals(keep)) deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    /** A completed checkpoint: its step, its JSON state (without the step) and its folder. */
    public record Saved(long step, Map<String, Object> state, Path dir) {
        /** A binary file the method wrote with {@link Writer#file}. */
        public Path file(String name) { return dir.resolve(name); }

        /** A number; also reads back the strings Jackson writes for NaN and the infinities. */
        public double getDouble(String key) {
            if (state.get(key) instanceof String s && s.matches("NaN|-?Infinity")) return Double.parseDouble(s);
            return number(key).doubleValue();
        }

        public long getLong(String key) { return number(key).longValue(); }

        /** A list of numbers saved from a {@code double[]}. */
        public double[] getDoubles(String key) {
            if (!(state.get(key) instanceof List<?> list)) throw new IllegalArgumentException(missing(key, "a list"));
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Number) list.get(i)).doubleValue();
            return out;
        }

        private Number number(String key) {
            if (!(state.get(key) instanceof Number n)) throw new IllegalArgumentException(missing(key, "a number"));
            return n;
        }

        private String missing(String key, String what) {
            return "checkpoint " + dir + ": '" + key + "' is not " + what + " (keys: " + state.keySet() + ")";
        }
    }
}
