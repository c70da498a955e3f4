package dev.teak.algorithms.lds;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * The LDS graph parameter theta: one Bernoulli probability per unordered node pair, stored in
 * the strict upper triangle of an {@code n x n} array (the diagonal and lower triangle stay 0).
 * An undirected graph is drawn as {@code E = floor(U + theta)} (U uniform, so {@code E_ij = 1}
 * with probability {@code theta_ij}) and symmetrised, {@code A = E + E^T} (spec, "Edges").
 *
 * <p>The straight-through estimator sets {@code dA/dtheta := I}: a gradient {@code G = dF/dA}
 * with respect to a (symmetric) sample reaches {@code theta_ij} (i &lt; j) as
 * {@code G_ij + G_ji}, both entries of the sample being the same Bernoulli variable
 * ({@link #symmetrisedGradient}). The outer step projects back onto {@code [0, 1]} (Alg. 1, l. 11).
 */
public final class EdgeProbabilities {
    private final int n;
    private final double[] theta;   // row-major n x n, nonzero only for i < j

    /** All probabilities 0 (no edges). */
    public EdgeProbabilities(int n) {
        if (n < 1) throw new IllegalArgumentException("EdgeProbabilities: need n >= 1 nodes, got " + n);
        this.n = n;
        this.theta = new double[n * n];
    }

    /** theta from a dense {@code n x n} array: its strict upper triangle, each entry clipped to [0, 1]. */
    public static EdgeProbabilities fromUpper(double[] values, int n) {
        if (values.length != n * n) {
            throw new IllegalArgumentException("EdgeProbabilities.fromUpper: " + values.length + " values for n = " + n + " (need n*n)");
        }
        EdgeProbabilities p = new EdgeProbabilities(n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) p.theta[i * n + j] = clip(values[i * n + j]);
        }
        return p;
    }

    /** theta = 1 on the given undirected edges {@code (u, v)} (either order), 0 elsewhere; self-loops ignored. */
    public static EdgeProbabilities fromEdges(int n, int[][] edges) {
        EdgeProbabilities p = new EdgeProbabilities(n);
        for (int[] e : edges) {
            int u = Math.min(e[0], e[1]), v = Math.max(e[0], e[1]);
            if (u < 0 || v >= n) throw new IllegalArgumentException("EdgeProbabilities.fromEdges: edge (" + e[0] + ", " + e[1] + ") outside n = " + n);
            if (u != v) p.theta[u * n + v] = 1;
        }
        return p;
    }

    public int n() { return n; }

    /** theta_ij for i &lt; j; the entry is symmetric, so (j, i) reads the same; the diagonal is 0. */
    public double get(int i, int j) {
        if (i == j) return 0;
        return i < j ? theta[i * n + j] : theta[j * n + i];
    }

    public void set(int i, int j, double value) {
        if (i == j) throw new IllegalArgumentException("EdgeProbabilities.set: the diagonal (" + i + ", " + i + ") stays 0");
        int u = Math.min(i, j), v = Math.max(i, j);
        theta[u * n + v] = clip(value);
    }

    /** A copy of the upper-triangular array (row-major n x n). */
    public double[] upper() { return theta.clone(); }

    public EdgeProbabilities copy() { return fromUpper(theta, n); }

    /** A sampled graph: the dense 0/1 adjacency and the same entries as a sparse matrix. */
    public record Sample(NdArray dense, CsrMatrix sparse) {}

    /**
     * One graph {@code A = E + E^T} with {@code E_ij = floor(U_ij + theta_ij)}, i &lt; j, as a
     * dense {@code [n, n]} array of 0/1 with a zero diagonal. The uniforms come from a stream
     * seeded by one draw of {@code gen} (so the graph is a function of the generator's state),
     * one per pair with {@code 0 < theta < 1} in row-major order (an entry at 0 or 1 is certain).
     */
    public NdArray sample(Generator gen, DType dtype) { return sampleGraph(gen, dtype).dense(); }

    /**
     * The draw of {@link #sample} (the same one for the same generator state), also as a sparse
     * matrix built from the edge list in the same pass: the propagation multiplies by the
     * sparse copy (a sampled graph has about as many edges as theta has mass), which costs
     * O(edges) instead of another O(n^2) scan of the dense array.
     */
    public Sample sampleGraph(Generator gen, DType dtype) {
        // One 53-bit seed from the generator; the pair uniforms from a SplittableRandom stream,
        // drawn inline: Cora has 3.7 M pairs, and an array of them would be one more O(n^2) pass.
        long seed = (long) (gen.rand(DType.FLOAT64, 1).toDoubleArray()[0] * 0x1p53);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] a = new float[n * n];
        int[] deg = new int[n];
        int[] eu = new int[16], ev = new int[16];
        int edges = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1, base = i * n; j < n; j++) {
                double t = theta[base + j];
                if (t <= 0) continue;
                // floor(U + t) = 1 exactly when U >= 1 - t.
                if (t >= 1 || rnd.nextDouble() >= 1 - t) {
                    a[base + j] = 1;
                    a[j * n + i] = 1;
                    if (edges == eu.length) {
                        eu = java.util.Arrays.copyOf(eu, 2 * edges);
                        ev = java.util.Arrays.copyOf(ev, 2 * edges);
                    }
                    eu[edges] = i;
                    ev[edges++] = j;
                    deg[i]++;
                    deg[j]++;
                }
            }
        }
        // CSR of E + E^T from the edge list: row i holds the j of every edge (i, j) or (j, i).
        int[] rowPtr = new int[n + 1];
        for (int i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + deg[i];
        int[] fill = java.util.Arrays.copyOf(rowPtr, n), col = new int[2 * edges];
        for (int e = 0; e < edges; e++) {
            col[fill[eu[e]]++] = ev[e];
            col[fill[ev[e]]++] = eu[e];
        }
        for (int i = 0; i < n; i++) java.util.Arrays.sort(col, rowPtr[i], rowPtr[i + 1]);
        float[] ones = new float[2 * edges];
        java.util.Arrays.fill(ones, 1f);
        NdArray dense = NdArray.of(a, n, n), values = NdArray.of(ones, 2 * edges);
        if (dtype != DType.FLOAT32) {
            dense = dense.to(dtype);
            values = values.to(dtype);
        }
        return new Sample(dense, new CsrMatrix(n, n, rowPtr, col, values));
    }

    /** {@code sym(theta) = theta + theta^T}: the expected adjacency E[A]. */
    public NdArray mean(DType dtype) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = theta[i * n + j];
                a[j * n + i] = theta[i * n + j];
            }
        }
        return NdArray.of(a, n, n).to(dtype);
    }

    /**
     * The straight-through gradient with respect to theta from {@code g = dF/dA} ([n, n]):
     * {@code G_ij = g_ij + g_ji} for i &lt; j and 0 elsewhere, since A_ij and A_ji are the
     * same sampled edge.
     */
    public static double[] symmetrisedGradient(NdArray g) {
        int[] s = g.shape();
        if (s.length != 2 || s[0] != s[1]) throw new IllegalArgumentException("symmetrisedGradient: needs [n, n], got " + java.util.Arrays.toString(s));
        int n = s[0];
        double[] d = g.toDoubleArray(), out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) out[i * n + j] = d[i * n + j] + d[j * n + i];
        }
        return out;
    }

    /**
     * Projected gradient step {@code theta <- Proj_[0,1](theta - lr G)} on the upper triangle
     * (Alg. 1, l. 11; G from {@link #symmetrisedGradient}). Returns the mean absolute change.
     */
    public double projectedStep(double[] grad, double lr) {
        if (grad.length != theta.length) throw new IllegalArgumentException("projectedStep: gradient of " + grad.length + " entries for n*n = " + theta.length);
        double change = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int k = i * n + j;
                double t = clip(theta[k] - lr * grad[k]);
                change += Math.abs(t - theta[k]);
                theta[k] = t;
            }
        }
        return n > 1 ? change / (n * (n - 1) / 2.0) : 0;
    }

    /** Sum of theta over all pairs: the expected number of edges. */
    public double expectedEdges() {
        double s = 0;
        for (double t : theta) s += t;
        return s;
    }

    /**
     * Share of the edge mass between nodes of the same class: {@code sum_{i<j, y_i = y_j} theta_ij
     * / sum_{i<j} theta_ij}, over the nodes with a label {@code >= 0} (analysis only: it uses the
     * test labels). NaN when no mass lies between labelled nodes.
     */
    public double sameClassShare(int[] labels) {
        double same = 0, all = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) continue;
            for (int j = i + 1; j < n; j++) {
                if (labels[j] < 0) continue;
                double t = theta[i * n + j];
                all += t;
                if (labels[i] == labels[j]) same += t;
            }
        }
        return all > 0 ? same / all : Double.NaN;
    }

    /** Mean theta over same-class pairs minus mean theta over different-class pairs (labelled nodes only). */
    public double sameClassGap(int[] labels) {
        double same = 0, diff = 0;
        long ns = 0, nd = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) continue;
            for (int j = i + 1; j < n; j++) {
                if (labels[j] < 0) continue;
                if (labels[i] == labels[j]) { same += theta[i * n + j]; ns++; } else { diff += theta[i * n + j]; nd++; }
            }
        }
        return (ns > 0 ? same / ns : 0) - (nd > 0 ? diff / nd : 0);
    }

    private static double clip(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }
}
