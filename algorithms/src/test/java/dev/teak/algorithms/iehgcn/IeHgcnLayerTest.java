package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.autograd.GradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ie-HGCN layer against a naive loop implementation of spec equations (1)-(4), its attention, gradients and equivariance. */
class IeHgcnLayerTest {
    /** Two types of 3 nodes; A2 and B2 are isolated: their message is the zero row, which still takes part in the softmax. */
    static HeteroGraph toy() {
        HeteroGraph g = new HeteroGraph()
                .addType("A", NodeFeatures.givenDense(NdArray.of(new double[] {1, 0, 0.5, -1, -2, 0.25}, 3, 2)))
                .addType("B", NodeFeatures.givenDense(NdArray.of(new double[] {0, 1, 2, 1, -1, 3}, 3, 2)));
        return g.addRelation("A", "B", new int[] {0, 0, 1}, new int[] {0, 1, 1}).to(DType.FLOAT64);
    }

    static Map<String, IeHgcnLayer.Input> inputs(HeteroGraph g) {
        Map<String, IeHgcnLayer.Input> in = new LinkedHashMap<>();
        for (String t : g.types()) in.put(t, IeHgcnLayer.Input.dense(new Tensor(g.features(t).dense())));
        return in;
    }

    static IeHgcnLayer layer(HeteroGraph g, int out, int att, IeHgcnLayer.Fusion fusion, long seed) {
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (String t : g.types()) dims.put(t, g.features(t).dim());
        IeHgcnLayer l = new IeHgcnLayer(g, dims, out, att, fusion, 0.5, new Generator(seed));
        l.to(DType.FLOAT64);
        l.eval();
        return l;
    }

    static double[][] mat(Parameter p) {
        int r = p.shape()[0], c = p.shape()[1];
        double[] v = p.data().toDoubleArray();
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i][j] = v[i * c + j];
        return m;
    }

    static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) for (int k = 0; k < b.length; k++) for (int j = 0; j < b[0].length; j++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }

    static double elu(double x) { return x > 0 ? x : Math.exp(x) - 1; }

    /** Naive equations (1)-(4) for type {@code t}, from the raw edge list (mean over neighbours) and the layer's weights. */
    static double[][] reference(HeteroGraph g, IeHgcnLayer l, String t, double[][] attentionOut) {
        Map<String, Parameter> p = l.namedParameters();
        double[][] h = dense(g, t);
        List<String> nb = g.neighbours(t);
        int n = h.length, m = nb.size() + 1;
        double[][][] z = new double[m][][];
        z[0] = mul(h, mat(p.get(t + ".self")));
        for (int k = 0; k < nb.size(); k++) {
            double[][] y = mul(dense(g, nb.get(k)), mat(p.get(t + ".rel_" + nb.get(k))));
            double[][] a = denseAdj(g, t, nb.get(k));
            z[k + 1] = mul(a, y);
        }
        double[][] wq = mat(p.get(t + ".query")), wk = mat(p.get(t + ".key")), wa = mat(p.get(t + ".att"));
        double[] bias = p.get(t + ".bias").data().toDoubleArray();
        int att = wq[0].length, out = z[0][0].length;
        double[][] res = new double[n][out];
        for (int i = 0; i < n; i++) {
            double[] q = mul(new double[][] {z[0][i]}, wq)[0];
            double[] e = new double[m];
            for (int k = 0; k < m; k++) {
                double[] key = mul(new double[][] {z[k][i]}, wk)[0];
                double s = 0;
                for (int j = 0; j < att; j++) s += key[j] * wa[j][0] + q[j] * wa[att + j][0];   // [K ‖ Q] w_a
                e[k] = elu(s);
            }
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double v : e) max = Math.max(max, v);
            for (int k = 0; k < m; k++) { e[k] = Math.exp(e[k] - max); sum += e[k]; }
            for (int k = 0; k < m; k++) e[k] /= sum;
            attentionOut[i] = e;
            for (int c = 0; c < out; c++) {
                double v = bias[c];
                for (int k = 0; k < m; k++) v += e[k] * z[k][i][c];
                res[i][c] = elu(v);
            }
        }
        return res;
    }

    /** Row-normalised adjacency built from the relation's binary pattern by hand. */
    static double[][] denseAdj(HeteroGraph g, String a, String b) {
        double[] v = g.adjacency(a, b).toDense().toDoubleArray();
        int r = g.count(a), c = g.count(b);
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            int deg = 0;
            for (int j = 0; j < c; j++) if (v[i * c + j] != 0) deg++;
            for (int j = 0; j < c; j++) m[i][j] = v[i * c + j] != 0 ? 1.0 / deg : 0;
        }
        return m;
    }

    static double[][] dense(HeteroGraph g, String t) {
        NdArray x = g.features(t).dense();
        int r = x.size(0), c = x.size(1);
        double[] v = x.toDoubleArray();
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) System.arraycopy(v, i * c, m[i], 0, c);
        return m;
    }

    static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test void forwardMatchesNaiveEquationsOnTwoTypeToy() {
        HeteroGraph g = toy();
        IeHgcnLayer l = layer(g, 2, 2, IeHgcnLayer.Fusion.ATTENTION, 3);
        IeHgcnLayer.Output o = l.forward(inputs(g), Set.of("A", "B"), new Generator(0));
        for (String t : List.of("A", "B")) {
            double[][] att = new double[3][];
            double[][] expected = reference(g, l, t, att);
            assertArrayEquals(flat(expected), o.h().get(t).data().toDoubleArray(), 1e-12, "H' of " + t);
            assertArrayEquals(flat(att), o.attention().get(t).data().toDoubleArray(), 1e-12, "attention of " + t);
        }
        // The isolated node A2 gets Z^{B-A} = 0, yet its score ELU(0 w_k' + Q w_a'') is not 0 and it holds attention mass.
        double[] a2 = o.attention().get("A").data().toDoubleArray();
        org.junit.jupiter.api.Assertions.assertTrue(a2[5] > 0 && a2[5] < 1, "isolated node's zero message still in the softmax: " + a2[5]);
    }

    @Test void authorsConcatFormEqualsFactorisedScores() {
        // With dropout on, the layer builds [K ‖ Q] explicitly; with a dropout probability of 1e-12 nothing is dropped
        // (float32 uniforms never reach 1 - 1e-12), so both forms must give the same output.
        HeteroGraph g = SyntheticHin.planted(new SyntheticHin.Spec(30, 6, 6, 3, 3, 2, 2, 1, 0.8, 5), new Generator(2)).graph().to(DType.FLOAT64);
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (String t : g.types()) dims.put(t, 5);
        IeHgcnLayer l = new IeHgcnLayer(g, dims, 4, 3, IeHgcnLayer.Fusion.ATTENTION, 1e-12, new Generator(4));
        l.to(DType.FLOAT64);
        Map<String, IeHgcnLayer.Input> in = inputs(g);
        l.train();
        IeHgcnLayer.Output concat = l.forward(in, Set.copyOf(g.types()), new Generator(5));
        l.eval();
        IeHgcnLayer.Output factorised = l.forward(in, Set.copyOf(g.types()), new Generator(5));
        for (String t : g.types()) {
            assertArrayEquals(factorised.h().get(t).data().toDoubleArray(), concat.h().get(t).data().toDoubleArray(), 1e-9, t);
        }
    }

    @Test void attentionRowsAreDistributionsOverSelfAndNeighbourTypes() {
        HeteroGraph g = SyntheticHin.planted(new SyntheticHin.Spec(40, 9, 7, 5, 3, 2, 2, 1, 0.8, 6), new Generator(7)).graph();
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (String t : g.types()) dims.put(t, 6);
        IeHgcnLayer l = new IeHgcnLayer(g, dims, 8, 4, IeHgcnLayer.Fusion.ATTENTION, 0.5, new Generator(8));
        IeHgcnLayer.Output o = l.forward(inputs(g), Set.copyOf(g.types()), new Generator(9));   // training mode: dropout on
        for (String t : g.types()) {
            Tensor a = o.attention().get(t);
            assertArrayEquals(new int[] {g.count(t), g.neighbours(t).size() + 1}, a.shape(), t);
            double[] rowSums = a.data().sum(1, false).toDoubleArray();
            for (int i = 0; i < rowSums.length; i++) assertEquals(1, rowSums[i], 1e-5, t + " row " + i);
            for (double v : a.data().toDoubleArray()) org.junit.jupiter.api.Assertions.assertTrue(v >= 0 && v <= 1, t + ": " + v);
        }
        // Mean fusion: every weight is exactly 1 / (|N|+1).
        IeHgcnLayer mean = new IeHgcnLayer(g, dims, 8, 4, IeHgcnLayer.Fusion.MEAN, 0.5, new Generator(8));
        Tensor r = mean.forward(inputs(g), Set.of("R"), new Generator(9)).attention().get("R");
        for (double v : r.data().toDoubleArray()) assertEquals(1.0 / 3, v, 1e-7);
    }

    @Test void wholeLayerPassesFloat64GradientCheck() {
        HeteroGraph g = toy();
        IeHgcnLayer l = layer(g, 3, 2, IeHgcnLayer.Fusion.ATTENTION, 11);
        Tensor xa = new Tensor(g.features("A").dense().copy(), true), xb = new Tensor(g.features("B").dense().copy(), true);
        List<Tensor> params = l.parameterTensors();
        Tensor[] all = new Tensor[params.size() + 2];
        all[0] = xa;
        all[1] = xb;
        for (int i = 0; i < params.size(); i++) all[i + 2] = params.get(i);
        GradCheck.check("ie-HGCN layer", in -> {
            Map<String, IeHgcnLayer.Input> m = new LinkedHashMap<>();
            m.put("A", IeHgcnLayer.Input.dense(in[0]));
            m.put("B", IeHgcnLayer.Input.dense(in[1]));
            IeHgcnLayer.Output o = l.forward(m, Set.of("A", "B"), new Generator(0));
            return Tensor.concat(0, o.h().get("A").reshape(-1), o.h().get("B").reshape(-1), o.attention().get("A").reshape(-1));
        }, all, 21);
    }

    @Test void permutingOneTypePermutesItsOutputsAndLeavesTheOthers() {
        HinData.Dataset d = SyntheticHin.planted(new SyntheticHin.Spec(24, 6, 5, 4, 3, 2, 2, 2, 0.8, 4), new Generator(12));
        HeteroGraph g = d.graph().to(DType.FLOAT64);
        int n = g.count("R");
        int[] perm = new int[n];          // new R node i is old node perm[i]
        for (int i = 0; i < n; i++) perm[i] = (i * 5 + 2) % n;
        int[] inv = new int[n];
        for (int i = 0; i < n; i++) inv[perm[i]] = i;
        HeteroGraph p = new HeteroGraph();
        for (String t : g.types()) {
            NdArray x = g.features(t).dense();
            if (t.equals("R")) x = dev.teak.tensor.Indexing.indexSelect(x, 0, NdArray.of(java.util.Arrays.stream(perm).asLongStream().toArray()));
            p.addType(t, NodeFeatures.givenDense(x));
        }
        // Rebuild each relation from the stored pattern, renaming R nodes.
        for (String[] rel : new String[][] {{"T", "R"}, {"T", "Z"}, {"R", "S"}}) {
            NdArray a = g.adjacency(rel[0], rel[1]).toDense();
            java.util.List<int[]> pairs = new java.util.ArrayList<>();
            int rows = a.size(0), cols = a.size(1);
            double[] v = a.toDoubleArray();
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) if (v[i * cols + j] != 0) {
                pairs.add(new int[] {rel[0].equals("R") ? inv[i] : i, rel[1].equals("R") ? inv[j] : j});
            }
            p.addRelation(rel[0], rel[1], pairs.stream().mapToInt(x -> x[0]).toArray(), pairs.stream().mapToInt(x -> x[1]).toArray());
        }
        p = p.to(DType.FLOAT64);
        IeHgcnLayer l1 = layer(g, 3, 2, IeHgcnLayer.Fusion.ATTENTION, 13), l2 = layer(p, 3, 2, IeHgcnLayer.Fusion.ATTENTION, 13);
        IeHgcnLayer.Output o1 = l1.forward(inputs(g), Set.copyOf(g.types()), new Generator(0));
        IeHgcnLayer.Output o2 = l2.forward(inputs(p), Set.copyOf(g.types()), new Generator(0));
        NdArray permIdx = NdArray.of(java.util.Arrays.stream(perm).asLongStream().toArray());
        assertArrayEquals(dev.teak.tensor.Indexing.indexSelect(o1.h().get("R").data(), 0, permIdx).toDoubleArray(),
                o2.h().get("R").data().toDoubleArray(), 1e-12, "R outputs permuted");
        for (String t : List.of("T", "Z", "S")) {
            assertArrayEquals(o1.h().get(t).data().toDoubleArray(), o2.h().get(t).data().toDoubleArray(), 1e-12, t + " unchanged");
        }
    }
}
