package dev.teak.algorithms.iehgcn;

import dev.teak.nn.graph.Adjacency;
import dev.teak.tensor.DType;
import dev.teak.tensor.sparse.CsrMatrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A heterogeneous information network: named node types, each with a node count and
 * {@link NodeFeatures}, and relations between two different types. Every relation is stored in
 * both directions, each direction with its own row-normalised adjacency {@code Â^{Ω-Γ} = D⁻¹A}
 * ({@code [n_Ω, n_Γ]}; spec "Layer equations" 2 and pitfall "reverse relations"): a mean over
 * neighbours, no symmetric normalisation and no self-loops; a node with no neighbour of type Γ
 * keeps an all-zero row. Node labels, when present, belong to the {@link #target()} type.
 */
public final class HeteroGraph {
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, NodeFeatures> features = new LinkedHashMap<>();
    /** Ω to (Γ to Â^{Ω-Γ}), in the order relations were added. */
    private final Map<String, Map<String, CsrMatrix>> adjacency = new LinkedHashMap<>();
    private String target;

    /** Adds a node type with {@code count} nodes and their features. */
    public HeteroGraph addType(String name, NodeFeatures f) {
        if (name == null || name.isEmpty() || name.contains("-")) {
            throw new IllegalArgumentException("HeteroGraph.addType: type names must be non-empty and contain no '-', got '" + name + "'");
        }
        if (counts.containsKey(name)) throw new IllegalArgumentException("HeteroGraph.addType: type '" + name + "' exists already");
        counts.put(name, f.rows());
        features.put(name, f);
        adjacency.put(name, new LinkedHashMap<>());
        if (target == null) target = name;
        return this;
    }

    /** Sets the labelled type (the first type added by default). */
    public HeteroGraph target(String name) {
        requireType("target", name);
        target = name;
        return this;
    }

    /**
     * Adds the relation between {@code a} and {@code b} from pairs {@code (left[k], right[k])}
     * (0-based, {@code left} indexing {@code a}); duplicate pairs count once. Stores
     * {@code Â^{a-b}} and {@code Â^{b-a}}, each row-normalised on its own.
     */
    public HeteroGraph addRelation(String a, String b, int[] left, int[] right) {
        requireType("addRelation", a);
        requireType("addRelation", b);
        if (a.equals(b)) throw new IllegalArgumentException("HeteroGraph.addRelation: a relation joins two different types, got " + a + "-" + b);
        if (adjacency.get(a).containsKey(b)) throw new IllegalArgumentException("HeteroGraph.addRelation: relation " + a + "-" + b + " exists already");
        if (left.length != right.length) {
            throw new IllegalArgumentException("HeteroGraph.addRelation " + a + "-" + b + ": " + left.length + " left ends but " + right.length + " right ends");
        }
        int na = counts.get(a), nb = counts.get(b);
        for (int k = 0; k < left.length; k++) {
            if (left[k] < 0 || left[k] >= na || right[k] < 0 || right[k] >= nb) {
                throw new IllegalArgumentException("HeteroGraph.addRelation " + a + "-" + b + ": pair " + k + " (" + left[k] + ", " + right[k]
                        + ") is outside " + na + " x " + nb);
            }
        }
        double[] ones = new double[left.length];
        java.util.Arrays.fill(ones, 1);
        CsrMatrix m = CsrMatrix.fromCoo(na, nb, left, right, ones, true);
        double[] binary = new double[m.nnz()];
        java.util.Arrays.fill(binary, 1);
        m = m.withValues(dev.teak.tensor.NdArray.of(binary)).to(DType.FLOAT32);
        adjacency.get(a).put(b, Adjacency.rowNormalized(m));
        adjacency.get(b).put(a, Adjacency.rowNormalized(m.transpose()));
        return this;
    }

    /** The node types in the order they were added. */
    public List<String> types() { return new ArrayList<>(counts.keySet()); }

    public String target() { return target; }

    public int count(String type) { requireType("count", type); return counts.get(type); }

    public NodeFeatures features(String type) { requireType("features", type); return features.get(type); }

    /** The neighbour types N_Ω of {@code type}, in the order their relations were added. */
    public List<String> neighbours(String type) {
        requireType("neighbours", type);
        return Collections.unmodifiableList(new ArrayList<>(adjacency.get(type).keySet()));
    }

    /** {@code Â^{Ω-Γ}}: row-normalised, {@code [n_Ω, n_Γ]}. */
    public CsrMatrix adjacency(String omega, String gamma) {
        CsrMatrix m = adjacency.getOrDefault(omega, Map.of()).get(gamma);
        if (m == null) throw new IllegalArgumentException("HeteroGraph.adjacency: no relation " + omega + "-" + gamma + " in " + adjacency.keySet());
        return m;
    }

    /** Stored entries over all relations, one direction counted: the graph's edge count. */
    public long edges() {
        long twice = 0;
        for (Map<String, CsrMatrix> m : adjacency.values()) for (CsrMatrix a : m.values()) twice += a.nnz();
        return twice / 2;
    }

    /** The same graph with features and adjacencies in {@code dtype} (float64 for gradient checks). */
    public HeteroGraph to(DType dtype) {
        HeteroGraph g = new HeteroGraph();
        for (String t : counts.keySet()) {
            g.counts.put(t, counts.get(t));
            g.features.put(t, features.get(t).to(dtype));
            Map<String, CsrMatrix> m = new LinkedHashMap<>();
            for (Map.Entry<String, CsrMatrix> e : adjacency.get(t).entrySet()) m.put(e.getKey(), e.getValue().to(dtype));
            g.adjacency.put(t, m);
        }
        g.target = target;
        return g;
    }

    private void requireType(String op, String name) {
        if (!counts.containsKey(name)) throw new IllegalArgumentException("HeteroGraph." + op + ": unknown node type '" + name + "'; types are " + counts.keySet());
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("HeteroGraph(");
        for (String t : counts.keySet()) sb.append(t).append('=').append(counts.get(t)).append(' ');
        return sb.append("edges=").append(edges()).append(", target=").append(target).append(')').toString();
    }
}
