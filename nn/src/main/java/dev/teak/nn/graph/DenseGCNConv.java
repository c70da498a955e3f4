package dev.teak.nn.graph;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * Graph convolution over a dense adjacency tensor that may itself require grad (graphs learned
 * jointly with the network, e.g. LDS): {@code H' = norm(A) (H W) + b}, where {@code norm} is
 * the GCN normalisation {@link Adjacency#gcnNormalized(Tensor)} (or none), differentiated
 * through.
 */
public final class DenseGCNConv extends Module {
    public final Parameter weight, bias;
    private final boolean normalize;

    public DenseGCNConv(int in, int out, boolean bias, boolean normalize, Generator gen) {
        this.normalize = normalize;
        weight = parameter("weight", NdArray.zeros(in, out));
        Init.xavierUniform(weight, 1, gen);
        this.bias = bias ? parameter("bias", NdArray.zeros(out)) : null;
    }

    /** {@code adjacency [n, n]} (raw: self-loops and normalisation are added here when enabled), {@code x [n, in]}. */
    public Tensor forward(Tensor adjacency, Tensor x) {
        if (adjacency.dim() != 2 || adjacency.size(0) != adjacency.size(1) || x.dim() != 2 || x.size(0) != adjacency.size(0)
                || x.size(1) != weight.shape()[0]) {
            throw new IllegalArgumentException("DenseGCNConv: adjacency " + Shape.str(adjacency.shape()) + " and features "
                    + Shape.str(x.shape()) + " do not fit weight " + Shape.str(weight.shape()));
        }
        Tensor a = normalize ? Adjacency.gcnNormalized(adjacency) : adjacency;
        Tensor y = a.matmul(x.matmul(weight.get()));
        return bias == null ? y : y.add(bias.get());
    }
}
