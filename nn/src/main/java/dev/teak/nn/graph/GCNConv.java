package dev.teak.nn.graph;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * Graph convolution over a fixed sparse propagation matrix (Kipf and Welling 2017, eq. 2):
 * {@code H' = A_hat (H W) + b} with {@code A_hat} usually {@link Adjacency#gcnNormalized(CsrMatrix)}.
 * Multiplying {@code H W} (narrow) rather than {@code A_hat H} keeps the sparse product cheap.
 * Weights are Glorot-uniform, the bias zero, as in the paper's code.
 */
public final class GCNConv extends Module {
    public final Parameter weight, bias;

    public GCNConv(int in, int out, boolean bias, Generator gen) {
        weight = parameter("weight", NdArray.zeros(in, out));
        Init.xavierUniform(weight, 1, gen);
        this.bias = bias ? parameter("bias", NdArray.zeros(out)) : null;
    }

    /** {@code x [n, in]} to {@code [n, out]} over {@code adjacency [n, n]} (a constant: no gradient to its values). */
    public Tensor forward(CsrMatrix adjacency, Tensor x) {
        if (adjacency.rows() != adjacency.cols() || x.dim() != 2 || x.size(0) != adjacency.cols() || x.size(1) != weight.shape()[0]) {
            throw new IllegalArgumentException("GCNConv: adjacency " + adjacency.rows() + "x" + adjacency.cols() + " and features "
                    + Shape.str(x.shape()) + " do not fit weight " + Shape.str(weight.shape()));
        }
        Tensor values = new Tensor(adjacency.values().to(x.dtype()).to(x.data().device()));
        Tensor y = Tensor.spmm(adjacency, values, x.matmul(weight.get()));
        return bias == null ? y : y.add(bias.get());
    }
}
