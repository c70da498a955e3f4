package dev.teak.nn.graph;

import static dev.teak.nn.Tensors.leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.teak.autograd.GradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;
import org.junit.jupiter.api.Test;

/** Sparse and dense GCN layers agree, normalisations by hand, gradients by finite differences. */
class GraphConvTest {
    /** A path 0 - 1 - 2 plus an isolated node 3. */
    private static final double[] PATH = {0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0};

    @Test
    void normalisationsByHand() {
        CsrMatrix a = CsrMatrix.fromDense(NdArray.of(PATH, 4, 4));
        // A + I has degrees 2, 3, 2, 1: entry (i, j) is 1 / sqrt(d_i d_j).
        double s6 = 1 / Math.sqrt(6);
        double[] want = {0.5, s6, 0, 0, s6, 1.0 / 3, s6, 0, 0, s6, 0.5, 0, 0, 0, 0, 1};
        assertArrayEquals(want, Adjacency.gcnNormalized(a).toDense().toDoubleArray(), 1e-12);
        assertArrayEquals(want, Adjacency.gcnNormalized(Tensor.of(PATH, 4, 4)).data().toDoubleArray(), 1e-12);
        // D^-1 A: node 1 splits evenly between 0 and 2; the isolated row stays 0.
        double[] rw = {0, 1, 0, 0, 0.5, 0, 0.5, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(rw, Adjacency.rowNormalized(a).toDense().toDoubleArray(), 1e-12);
        assertArrayEquals(rw, Adjacency.rowNormalized(Tensor.of(PATH, 4, 4)).data().toDoubleArray(), 1e-12);
        // Without self-loops the isolated node has degree 0 and gets scale 0, not NaN.
        double h = 1 / Math.sqrt(2);
        assertArrayEquals(new double[] {0, h, 0, 0, h, 0, h, 0, 0, h, 0, 0, 0, 0, 0, 0},
                Adjacency.symmetricNormalized(Tensor.of(PATH, 4, 4)).data().toDoubleArray(), 1e-12);
    }

    @Test
    void sparseAndDenseLayersAgree() {
        GCNConv sparse = new GCNConv(3, 2, true, new Generator(1));
        DenseGCNConv dense = new DenseGCNConv(3, 2, true, true, new Generator(1));
        sparse.to(DType.FLOAT64);
        dense.to(DType.FLOAT64);
        sparse.bias.copyFrom(NdArray.of(new double[] {0.25, -1}));
        dense.bias.copyFrom(NdArray.of(new double[] {0.25, -1}));
        Tensor x = leaf(2, 4, 3);
        CsrMatrix a = Adjacency.gcnNormalized(CsrMatrix.fromDense(NdArray.of(PATH, 4, 4)));
        assertArrayEquals(dense.forward(Tensor.of(PATH, 4, 4), x).data().toDoubleArray(),
                sparse.forward(a, x).data().toDoubleArray(), 1e-12);
    }

    @Test
    void gradients() {
        GCNConv sparse = new GCNConv(3, 2, true, new Generator(3));
        sparse.to(DType.FLOAT64);
        CsrMatrix a = Adjacency.gcnNormalized(CsrMatrix.fromDense(NdArray.of(PATH, 4, 4)));
        GradCheck.check("GCNConv", in -> sparse.forward(a, in[0]),
                new Tensor[] {leaf(4, 4, 3), sparse.weight.get(), sparse.bias.get()}, 1);
        DenseGCNConv dense = new DenseGCNConv(3, 2, false, true, new Generator(5));
        dense.to(DType.FLOAT64);
        // A learned adjacency: entries sigmoid(theta), symmetric, differentiated through the normalisation.
        GradCheck.check("DenseGCNConv(adjacency)", in -> {
            Tensor adj = in[0].add(in[0].mT()).sigmoid();
            return dense.forward(adj, in[1]);
        }, new Tensor[] {leaf(6, 4, 4), leaf(7, 4, 3), dense.weight.get()}, 2);
        GradCheck.check("rowNormalized", in -> Adjacency.rowNormalized(in[0].sigmoid()), new Tensor[] {leaf(8, 3, 3)}, 3);
    }
}
