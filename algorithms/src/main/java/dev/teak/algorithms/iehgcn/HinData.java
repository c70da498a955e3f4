package dev.teak.algorithms.iehgcn;

import dev.teak.nn.io.CsrNpz;
import dev.teak.nn.io.Npy;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads the ACM, DBLP and IMDB networks (HeCo/MEOW versions; see
 * {@code resources/data/hin/README.md}) from the class path, or from a folder holding the same
 * files ({@code .txt} or {@code .txt.gz}). The target type keeps its given sparse features
 * (scaled as {@link #defaultScaling} says unless asked otherwise; see {@link NodeFeatures.Scaling}
 * for why the scale matters); the other types are featureless and get fixed random 128-d features
 * as in the paper, or learned ones on request.
 *
 * <table>
 *   <caption>Schemas</caption>
 *   <tr><td>acm</td><td>P (target) - A, P - S</td></tr>
 *   <tr><td>dblp</td><td>A (target) - P, P - C, P - T</td></tr>
 *   <tr><td>imdb</td><td>M (target) - A, M - D, M - K</td></tr>
 * </table>
 */
public final class HinData {
    /** The data sets shipped with the project. */
    public static final List<String> SETS = List.of("acm", "dblp", "imdb");

    /** A loaded network and one of its splits. */
    public record Dataset(String name, HeteroGraph graph, Split split) {}

    private record Relation(String file, String left, String right) {}

    /** {@code scaling}: how the target features are scaled by default (see {@link #defaultScaling}). */
    private record Schema(String target, String featureFile, List<String> others, List<Relation> relations, NodeFeatures.Scaling scaling) {}

    private HinData() {}

    private static Schema schema(String set) {
        return switch (set) {
            case "acm" -> new Schema("P", "p_feat.npz", List.of("A", "S"), List.of(new Relation("pa", "P", "A"), new Relation("ps", "P", "S")),
                    NodeFeatures.Scaling.ROW_L2);
            case "dblp" -> new Schema("A", "a_feat.npz", List.of("P", "C", "T"),
                    List.of(new Relation("pa", "P", "A"), new Relation("pc", "P", "C"), new Relation("pt", "P", "T")), NodeFeatures.Scaling.NONE);
            case "imdb" -> new Schema("M", "m_feat.npz", List.of("A", "D", "K"),
                    List.of(new Relation("ma", "M", "A"), new Relation("md", "M", "D"), new Relation("mk", "M", "K")), NodeFeatures.Scaling.NONE);
            default -> throw new IllegalArgumentException("HinData: unknown data set '" + set + "'; choose one of " + SETS);
        };
    }

    /**
     * Loads {@code set} with the split of {@code perClass} (20, 40 or 60) labelled nodes per
     * class; {@code dir} null reads the copies in the jar. {@code learnedOthers} trains the
     * featureless types' inputs instead of fixing them; {@code gen} draws those inputs.
     */
    public static Dataset load(String set, Path dir, int perClass, boolean learnedOthers, int otherDim, Generator gen) throws IOException {
        return load(set, dir, perClass, defaultScaling(set), learnedOthers, otherDim, gen);
    }

    /**
     * The default scaling of a set's target features: DBLP and IMDB ship word counts (0/1 for
     * almost all entries, about 12 words a row), used as stored; ACM ships frequencies (rows
     * already summing to 1 over about 85 words, entries near 0.01), which would leave the
     * papers' own message far weaker than their neighbours' (the failure described at
     * {@link NodeFeatures.Scaling}), so its rows are scaled to norm 1 instead.
     */
    public static NodeFeatures.Scaling defaultScaling(String set) {
        return schema(set).scaling();
    }

    /** As {@link #load(String, Path, int, boolean, int, Generator)}, with the target features scaled as {@code scaling} says. */
    public static Dataset load(String set, Path dir, int perClass, NodeFeatures.Scaling scaling, boolean learnedOthers, int otherDim,
                               Generator gen) throws IOException {
        if (perClass != 20 && perClass != 40 && perClass != 60) {
            throw new IllegalArgumentException("HinData: splits exist for 20, 40 or 60 labelled nodes per class, not " + perClass);
        }
        Schema s = schema(set);
        Source src = new Source(set, dir);
        int[][][] pairs = new int[s.relations().size()][][];
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int r = 0; r < pairs.length; r++) {
            Relation rel = s.relations().get(r);
            pairs[r] = src.pairs(rel.file());
            counts.merge(rel.left(), max(pairs[r][0]) + 1, Math::max);
            counts.merge(rel.right(), max(pairs[r][1]) + 1, Math::max);
        }
        NodeFeatures targetFeatures = NodeFeatures.givenSparse(CsrNpz.load(src.file(s.featureFile())), scaling);
        int[] labels = toClasses(src.npy("labels.npy"));
        if (targetFeatures.rows() != labels.length || counts.getOrDefault(s.target(), 0) > labels.length) {
            throw new IOException("HinData " + set + ": " + targetFeatures.rows() + " feature rows, " + labels.length + " labels and "
                    + counts.get(s.target()) + " target nodes in the relations do not agree");
        }
        HeteroGraph g = new HeteroGraph().addType(s.target(), targetFeatures);
        for (String t : s.others()) {
            int n = counts.get(t);
            g.addType(t, learnedOthers ? NodeFeatures.learned(n, otherDim, gen) : NodeFeatures.fixedRandom(n, otherDim, gen));
        }
        for (int r = 0; r < pairs.length; r++) {
            Relation rel = s.relations().get(r);
            g.addRelation(rel.left(), rel.right(), pairs[r][0], pairs[r][1]);
        }
        int classes = 0;
        for (int y : labels) classes = Math.max(classes, y + 1);
        Split split = new Split(labels, classes, src.indices("train_" + perClass + ".npy"), src.indices("val_" + perClass + ".npy"),
                src.indices("test_" + perClass + ".npy"));
        return new Dataset(set, g, split);
    }

    /** Labels as 0-based classes (ACM stores floats, IMDB starts at 1). */
    private static int[] toClasses(NdArray a) {
        double[] v = a.toDoubleArray();
        double min = Double.POSITIVE_INFINITY;
        for (double x : v) min = Math.min(min, x);
        int[] y = new int[v.length];
        for (int i = 0; i < v.length; i++) y[i] = (int) Math.round(v[i] - min);
        return y;
    }

    private static int max(int[] a) {
        int m = -1;
        for (int x : a) m = Math.max(m, x);
        return m;
    }

    /** Files of one set, from a folder or from the class path ({@code /data/hin/<set>/}). */
    private static final class Source {
        final String set;
        final Path dir;

        Source(String set, Path dir) { this.set = set; this.dir = dir; }

        InputStream open(String name) throws IOException {
            if (dir != null) {
                Path p = dir.resolve(name);
                if (!Files.exists(p)) throw new IOException("HinData: " + p + " is missing");
                return Files.newInputStream(p);
            }
            InputStream in = HinData.class.getResourceAsStream("/data/hin/" + set + "/" + name);
            if (in == null) throw new IOException("HinData: resource /data/hin/" + set + "/" + name + " is missing from the class path");
            return in;
        }

        boolean exists(String name) {
            if (dir != null) return Files.exists(dir.resolve(name));
            return HinData.class.getResource("/data/hin/" + set + "/" + name) != null;
        }

        /** A real file for readers that need one (SciPy .npz): the folder's, or a temporary copy of the resource. */
        Path file(String name) throws IOException {
            if (dir != null) return dir.resolve(name);
            Path tmp = Files.createTempFile("teak-" + set + "-", "-" + name);
            tmp.toFile().deleteOnExit();
            try (InputStream in = open(name)) { Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING); }
            return tmp;
        }

        NdArray npy(String name) throws IOException {
            try (InputStream in = open(name)) { return Npy.read(in.readAllBytes(), (dir != null ? dir.toString() : set) + "/" + name); }
        }

        int[] indices(String name) throws IOException {
            long[] v = npy(name).toLongArray();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
            return out;
        }

        /** Integer pairs, one per line, separated by a tab or spaces; {@code name.txt} or {@code name.txt.gz}. */
        int[][] pairs(String name) throws IOException {
            boolean gz = !exists(name + ".txt");
            String file = name + (gz ? ".txt.gz" : ".txt");
            java.util.ArrayList<int[]> rows = new java.util.ArrayList<>();
            try (InputStream raw = open(file);
                 BufferedReader r = new BufferedReader(new InputStreamReader(gz ? new GZIPInputStream(raw) : raw, StandardCharsets.US_ASCII))) {
                String line;
                int no = 0;
                while ((line = r.readLine()) != null) {
                    no++;
                    line = line.trim();
                    if (line.isEmpty()) continue;
                    String[] f = line.split("\\s+");
                    try {
                        if (f.length != 2) throw new NumberFormatException("expected 2 fields, got " + f.length);
                        rows.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
                    } catch (NumberFormatException e) {
                        throw new IOException("HinData: " + set + "/" + file + " line " + no + ": '" + line + "' is not a pair of integers (" + e.getMessage() + ")");
                    }
                }
            }
            int[][] out = new int[2][rows.size()];
            for (int i = 0; i < rows.size(); i++) { out[0][i] = rows.get(i)[0]; out[1][i] = rows.get(i)[1]; }
            return out;
        }
    }
}
