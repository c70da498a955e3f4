package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * A lookup table {@code [num, dim]} indexed by integer arrays (PyTorch's {@code nn.Embedding}),
 * initialised {@code N(0, 1)}. With a padding index that row starts at zero and never receives
 * a gradient: lookups of it read a detached copy.
 */
public final class Embedding extends Module {
    public final Parameter weight;
    private final int num, dim, paddingIdx;

    /** {@code paddingIdx < 0}: none. */
    public Embedding(int num, int dim, int paddingIdx, Generator gen) {
        if (paddingIdx >= num) throw new IllegalArgumentException("Embedding: padding index " + paddingIdx + " >= table size " + num);
        this.num = num;
        this.dim = dim;
        this.paddingIdx = paddingIdx;
        weight = parameter("weight", NdArray.zeros(num, dim));
        Init.normal(weight, 0, 1, gen);
        if (paddingIdx >= 0) {
            NdArray w = weight.data().copy();
            w.select(0, paddingIdx).fill(0);
            weight.copyFrom(w);
        }
    }

    public Embedding(int num, int dim, Generator gen) { this(num, dim, -1, gen); }

    /** Rows for each index: {@code [...] -> [..., dim]}. */
    public Tensor forward(NdArray indices) {
        if (indices.dtype().isFloating()) {
            throw new IllegalArgumentException("Embedding: indices must be integers, got " + indices.dtype().pyName() + Shape.str(indices.shape()));
        }
        long[] idx = indices.toLongArray();
        boolean hasPad = false;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= num) {
                throw new IllegalArgumentException("Embedding: index " + idx[i] + " at flat position " + i + " is outside [0, " + num + ")");
            }
            hasPad |= idx[i] == paddingIdx;
        }
        int[] outShape = java.util.Arrays.copyOf(indices.shape(), indices.dim() + 1);
        outShape[indices.dim()] = dim;
        Tensor rows = weight.get().indexSelect(0, NdArray.of(idx, idx.length));
        if (hasPad) {
            boolean[] pad = new boolean[idx.length];
            for (int i = 0; i < idx.length; i++) pad[i] = idx[i] == paddingIdx;
            rows = Tensor.where(new Tensor(NdArray.of(pad, idx.length, 1)), rows.detach(), rows);
        }
        return rows.reshape(outShape);
    }
}
