package dev.teak.algorithms.lds;

import java.util.Arrays;

/**
 * The k-nearest-neighbour graph that initialises theta in kNN-LDS and serves as the fixed graph
 * of kNN-GCN. Distances are cosine ({@code 1 - <x, y> / (|x| |y|)}) or Minkowski with p = 2
 * (Euclidean), each point's own entry excluded; ties are broken by the smaller index.
 *
 * <p>The directed kNN relation is turned into theta either as the reference code does
 * ({@link Mode#UPPER}: keep {@code j in kNN(i)} only when {@code j > i}, dropping links where
 * only {@code i in kNN(j)} holds; spec pitfall "kNN initialisation") or by symmetrising first
 * ({@link Mode#SYMMETRIC}: an edge when either is a neighbour of the other).
 */
public final class KnnGraph {
    private KnnGraph() {}

    /** Distance used to rank neighbours. */
    public enum Metric { COSINE, MINKOWSKI }

    /** How the directed relation becomes an undirected theta. */
    public enum Mode { UPPER, SYMMETRIC }

    /** The indices of the k nearest neighbours of each row of {@code x} ({@code [n][f]}), nearest first. */
    public static int[][] neighbours(double[][] x, int k, Metric metric) {
        int n = x.length;
        if (k < 1 || k >= n) throw new IllegalArgumentException("KnnGraph: k must lie in [1, n-1] = [1, " + (n - 1) + "], got " + k);
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) norms[i] = Math.sqrt(dot(x[i], x[i]));
        int[][] out = new int[n][];
        Integer[] order = new Integer[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (metric == Metric.COSINE) {
                    double den = norms[i] * norms[j];
                    d[j] = 1 - (den > 0 ? dot(x[i], x[j]) / den : 0);
                } else {
                    double s = 0;
                    for (int f = 0; f < x[i].length; f++) {
                        double t = x[i][f] - x[j][f];
                        s += t * t;
                    }
                    d[j] = s;   // squared distance ranks like the distance
                }
                order[j] = j;
            }
            final int self = i;
            Arrays.sort(order, (a, b) -> {
                if (a == self) return b == self ? 0 : 1;   // the point itself goes last
                if (b == self) return -1;
                int c = Double.compare(d[a], d[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            out[i] = new int[k];
            for (int t = 0; t < k; t++) out[i][t] = order[t];
        }
        return out;
    }

    /** theta in {0, 1} from the kNN relation, as {@code mode} says. */
    public static EdgeProbabilities theta(double[][] x, int k, Metric metric, Mode mode) {
        int n = x.length;
        int[][] nb = neighbours(x, k, metric);
        EdgeProbabilities p = new EdgeProbabilities(n);
        for (int i = 0; i < n; i++) {
            for (int j : nb[i]) {
                if (mode == Mode.SYMMETRIC || j > i) p.set(i, j, 1);
            }
        }
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
