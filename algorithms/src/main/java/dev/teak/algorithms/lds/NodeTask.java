package dev.teak.algorithms.lds;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transductive node-classification task: features of all n points, their labels ({@code -1}
 * where unknown), an optional given graph, and four disjoint index sets: training (inner
 * objective), validation (outer objective), early stopping (model selection, spec pitfall
 * "Three disjoint sets") and test (reported only).
 */
public record NodeTask(String name, double[][] features, int[] labels, int classes, int[][] edges,
                       int[] train, int[] val, int[] earlyStop, int[] test) {

    public NodeTask {
        int n = features.length;
        if (labels.length != n) throw new IllegalArgumentException("NodeTask " + name + ": " + n + " feature rows but " + labels.length + " labels");
        boolean[] seen = new boolean[n];
        for (int[] set : new int[][] {train, val, earlyStop, test}) {
            for (int i : set) {
                if (i < 0 || i >= n) throw new IllegalArgumentException("NodeTask " + name + ": index " + i + " outside [0, " + n + ")");
                if (seen[i]) throw new IllegalArgumentException("NodeTask " + name + ": node " + i + " is in two of train/val/early-stop/test");
                if (labels[i] < 0) throw new IllegalArgumentException("NodeTask " + name + ": node " + i + " in a split has no label");
                seen[i] = true;
            }
        }
    }

    public int n() { return features.length; }

    public int featureCount() { return features[0].length; }

    /** The features as an {@code [n, f]} array. */
    public NdArray featureArray(DType dtype) {
        int n = n(), f = featureCount();
        double[] d = new double[n * f];
        for (int i = 0; i < n; i++) System.arraycopy(features[i], 0, d, i * f, f);
        return NdArray.of(d, n, f).to(dtype);
    }

    /** Labels as int64 ({@code -1} kept; such nodes are in no split). */
    public NdArray labelArray() { return NdArray.of(Arrays.stream(labels).asLongStream().toArray(), labels.length); }

    public static NdArray index(int[] idx) { return NdArray.of(Arrays.stream(idx).asLongStream().toArray(), idx.length); }

    /**
     * The same task with every feature column scaled to zero mean and unit (population)
     * variance over all nodes (constant columns become 0), as scikit-learn's {@code scale}.
     */
    public NodeTask standardised() {
        double[][] x = new double[features.length][];
        for (int i = 0; i < x.length; i++) x[i] = features[i].clone();
        LdsDatasets.standardise(x);
        return new NodeTask(name, x, labels, classes, edges, train, val, earlyStop, test);
    }

    /** The same task with the given graph replaced (edge deletion). */
    public NodeTask withEdges(int[][] newEdges) {
        return new NodeTask(name, features, labels, classes, newEdges, train, val, earlyStop, test);
    }

    /**
     * Each undirected edge kept independently with probability {@code retain} (spec, Cora and
     * Citeseer: edge deletion with {@code prob_del = 1 - retain}).
     */
    public NodeTask retainEdges(double retain, Generator gen) {
        if (edges == null) throw new IllegalStateException("retainEdges: task " + name + " has no graph");
        if (retain >= 1) return this;
        double[] u = gen.rand(DType.FLOAT64, edges.length).toDoubleArray();
        List<int[]> kept = new ArrayList<>();
        for (int e = 0; e < edges.length; e++) if (u[e] < retain) kept.add(edges[e]);
        return withEdges(kept.toArray(new int[0][]));
    }

    /**
     * Stratified draws without replacement of {@code sizes[s]} points for each set s from the
     * labelled points (largest-remainder allocation per class, random within a class); all
     * remaining labelled points form the test set. Returns {train, val, earlyStop, test}.
     */
    public static int[][] stratifiedSplit(int[] labels, int classes, int[] sizes, Generator gen) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) if (labels[i] >= 0) byClass.get(labels[i]).add(i);
        // Shuffle each class once; the sets then take consecutive slices of it.
        for (List<Integer> members : byClass) {
            long[] perm = gen.permutation(members.size()).to(DType.INT64).toLongArray();
            List<Integer> shuffled = new ArrayList<>();
            for (long p : perm) shuffled.add(members.get((int) p));
            members.clear();
            members.addAll(shuffled);
        }
        int total = 0;
        for (List<Integer> m : byClass) total += m.size();
        int[] used = new int[classes];
        int[][] out = new int[sizes.length + 1][];
        for (int s = 0; s < sizes.length; s++) {
            int[] take = allocate(byClass, used, sizes[s], total);
            List<Integer> set = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                for (int t = 0; t < take[c]; t++) set.add(byClass.get(c).get(used[c] + t));
                used[c] += take[c];
            }
            out[s] = set.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        List<Integer> rest = new ArrayList<>();
        for (int c = 0; c < classes; c++) rest.addAll(byClass.get(c).subList(used[c], byClass.get(c).size()));
        out[sizes.length] = rest.stream().mapToInt(Integer::intValue).sorted().toArray();
        return out;
    }

    /** Per-class counts for a set of {@code size}: proportional to class sizes, largest remainders first. */
    private static int[] allocate(List<List<Integer>> byClass, int[] used, int size, int total) {
        int classes = byClass.size();
        int[] take = new int[classes];
        double[] rem = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) size * byClass.get(c).size() / total;
            take[c] = Math.min((int) Math.floor(exact), byClass.get(c).size() - used[c]);
            rem[c] = exact - take[c];
            given += take[c];
        }
        while (given < size) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (used[c] + take[c] < byClass.get(c).size() && (best < 0 || rem[c] > rem[best])) best = c;
            }
            if (best < 0) throw new IllegalArgumentException("stratifiedSplit: not enough labelled points for a set of " + size);
            take[best]++;
            rem[best] = -1;
            given++;
        }
        return take;
    }
}
