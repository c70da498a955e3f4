package dev.teak.algorithms.lds;

import dev.teak.tensor.random.Generator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The data sets of the LDS experiments, read from the classpath ({@code /data/<set>/}, copied
 * from the project's shared data with their source notes) or from a folder the user names.
 *
 * <ul>
 *   <li>Wine, Breast Cancer (features standardised over all points) and Digits (raw 0-16), no
 *       graph, with stratified train/val/early-stop sets of 10/10/10 (Wine, Cancer) or 50/50/50
 *       (Digits) points and the rest as test (spec, "Data").</li>
 *   <li>Cora and Citeseer: Planetoid split (140 or 120 training nodes, 1000 test); the 500
 *       validation nodes split at random 50/50 into the outer-validation and early-stopping
 *       sets; bag-of-words features row-normalised.</li>
 * </ul>
 */
public final class LdsDatasets {
    private LdsDatasets() {}

    /** The names {@code --dataset} accepts. */
    public static final List<String> NAMES = List.of("wine", "breast_cancer", "digits", "cora", "citeseer");

    /** Whether the set comes with a graph. */
    public static boolean hasGraph(String name) { return name.equals("cora") || name.equals("citeseer"); }

    /**
     * Loads {@code name} with the splits drawn from {@code seed}; {@code dir} (may be null) is a
     * folder holding the same files as the classpath copy.
     */
    public static NodeTask load(String name, long seed, Path dir) throws IOException {
        return switch (name) {
            case "wine" -> tabular(name, read(dir, "wine", "wine_data.csv"), true, 1, 10, seed);
            case "breast_cancer" -> tabular(name, read(dir, "breast_cancer", "breast_cancer.csv.gz"), true, 1, 10, seed);
            case "digits" -> tabular(name, read(dir, "digits", "digits.csv.gz"), false, 0, 50, seed);
            case "cora", "citeseer" -> planetoid(name, dir, seed);
            default -> throw new IllegalArgumentException("LdsDatasets: unknown data set '" + name + "'; choose one of " + NAMES);
        };
    }

    private static NodeTask tabular(String name, List<String> lines, boolean standardise, int headerLines, int perSet, long seed) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int l = headerLines; l < lines.size(); l++) {
            String line = lines.get(l).trim();
            if (line.isEmpty()) continue;
            String[] parts = line.split(",");
            double[] f = new double[parts.length - 1];
            try {
                for (int i = 0; i < f.length; i++) f[i] = Double.parseDouble(parts[i]);
                labels.add(Integer.parseInt(parts[parts.length - 1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": line " + (l + 1) + " is not numbers followed by a label: " + line, e);
            }
            if (!rows.isEmpty() && f.length != rows.get(0).length) {
                throw new IllegalArgumentException(name + ": line " + (l + 1) + " has " + f.length + " features, the first row " + rows.get(0).length);
            }
            rows.add(f);
        }
        double[][] x = rows.toArray(new double[0][]);
        if (standardise) standardise(x);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int classes = 0;
        for (int v : y) classes = Math.max(classes, v + 1);
        int[][] sp = NodeTask.stratifiedSplit(y, classes, new int[] {perSet, perSet, perSet}, new Generator(seed));
        return new NodeTask(name, x, y, classes, null, sp[0], sp[1], sp[2], sp[3]);
    }

    /** Zero mean, unit (population) variance per column, as scikit-learn's {@code scale}. */
    static void standardise(double[][] x) {
        int n = x.length, f = x[0].length;
        for (int j = 0; j < f; j++) {
            double m = 0, v = 0;
            for (double[] r : x) m += r[j];
            m /= n;
            for (double[] r : x) v += (r[j] - m) * (r[j] - m);
            double sd = Math.sqrt(v / n);
            for (double[] r : x) r[j] = sd > 0 ? (r[j] - m) / sd : 0;
        }
    }

    private static NodeTask planetoid(String name, Path dir, long seed) throws IOException {
        int[] labels = ints(read(dir, name, "labels.txt.gz"));
        int n = labels.length, classes = 0;
        for (int v : labels) classes = Math.max(classes, v + 1);
        List<String> featLines = content(read(dir, name, "features.txt.gz"), true);
        if (featLines.size() != n) throw new IllegalArgumentException(name + ": " + featLines.size() + " feature lines for " + n + " labels");
        int f = 0;
        List<int[]> active = new ArrayList<>();
        for (String l : featLines) {
            int[] idx = l.isBlank() ? new int[0] : java.util.Arrays.stream(l.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
            for (int i : idx) f = Math.max(f, i + 1);
            active.add(idx);
        }
        double[][] x = new double[n][f];
        for (int i = 0; i < n; i++) {
            int[] idx = active.get(i);
            // Row normalisation: each node's features sum to 1 (zero rows stay zero).
            for (int j : idx) x[i][j] = 1.0 / idx.length;
        }
        List<int[]> edges = new ArrayList<>();
        for (String l : content(read(dir, name, "edges.txt.gz"), false)) {
            String[] p = l.trim().split("\\s+");
            edges.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
        }
        int[] train = ints(read(dir, name, "train.txt.gz")), valAll = ints(read(dir, name, "val.txt.gz"));
        int[] test = ints(read(dir, name, "test.txt.gz"));
        test = java.util.Arrays.stream(test).filter(i -> labels[i] >= 0).toArray();
        // The 500 validation nodes: a random half for the outer objective, the rest for early stopping.
        long[] perm = new Generator(seed).permutation(valAll.length).toLongArray();
        int half = valAll.length / 2;
        int[] val = new int[half], es = new int[valAll.length - half];
        for (int k = 0; k < valAll.length; k++) {
            int node = valAll[(int) perm[k]];
            if (k < half) val[k] = node; else es[k - half] = node;
        }
        java.util.Arrays.sort(val);
        java.util.Arrays.sort(es);
        return new NodeTask(name, x, labels, classes, edges.toArray(new int[0][]), train, val, es, test);
    }

    private static int[] ints(List<String> lines) {
        return content(lines, false).stream().mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    /** Lines without {@code #} comments; blank lines kept only when {@code keepBlank} (a node without features). */
    private static List<String> content(List<String> lines, boolean keepBlank) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#")) continue;
            if (l.isBlank() && !keepBlank) continue;
            out.add(l);
        }
        return out;
    }

    private static List<String> read(Path dir, String set, String file) throws IOException {
        InputStream in;
        if (dir != null) {
            Path p = dir.resolve(file);
            if (!Files.exists(p)) p = dir.resolve(set).resolve(file);
            if (!Files.exists(p)) throw new IOException("LdsDatasets: " + file + " not found in " + dir + " (nor in " + dir.resolve(set) + ")");
            in = Files.newInputStream(p);
        } else {
            in = LdsDatasets.class.getResourceAsStream("/data/" + set + "/" + file);
            if (in == null) throw new IOException("LdsDatasets: resource /data/" + set + "/" + file + " is missing from the classpath");
        }
        if (file.endsWith(".gz")) in = new GZIPInputStream(in);
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        return lines;
    }
}
