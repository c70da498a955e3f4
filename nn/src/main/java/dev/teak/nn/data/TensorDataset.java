package dev.teak.nn.data;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.cpu.CpuStorage;
import java.util.Arrays;

/**
 * Samples stored as rows of one or more arrays that share their leading (sample) axis, like
 * {@code torch.utils.data.TensorDataset(features, labels)}. A sample is the array of row views
 * {@code [t0[i], t1[i], ...]}; a batch gathers rows into new contiguous arrays.
 */
public final class TensorDataset implements Dataset<NdArray[]> {
    private final NdArray[] tensors;
    private final int size;

    public TensorDataset(NdArray... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("TensorDataset: needs at least one array");
        for (NdArray t : tensors) {
            if (t.dim() == 0) throw new IllegalArgumentException("TensorDataset: arrays need a leading sample axis, got a scalar");
        }
        this.size = tensors[0].size(0);
        for (int k = 1; k < tensors.length; k++) {
            if (tensors[k].size(0) != size) {
                throw new IllegalArgumentException("TensorDataset: array " + k + " has " + tensors[k].size(0)
                        + " samples (shape " + Shape.str(tensors[k].shape()) + ") but array 0 has " + size
                        + " (shape " + Shape.str(tensors[0].shape()) + ")");
            }
        }
        this.tensors = tensors.clone();
    }

    @Override
    public int size() { return size; }

    /** The arrays the samples come from. */
    public NdArray[] tensors() { return tensors.clone(); }

    /** Views of row {@code index} of every array. */
    @Override
    public NdArray[] get(int index) {
        Dataset.checkIndex(index, size);
        NdArray[] out = new NdArray[tensors.length];
        for (int k = 0; k < out.length; k++) out[k] = tensors[k].select(0, index);
        return out;
    }

    /** Rows {@code indices} of every array, stacked along a new leading axis (contiguous copies). */
    public NdArray[] batch(int[] indices) {
        for (int i : indices) Dataset.checkIndex(i, size);
        NdArray[] out = new NdArray[tensors.length];
        for (int k = 0; k < out.length; k++) out[k] = gather(tensors[k], indices);
        return out;
    }

    private static NdArray gather(NdArray t, int[] indices) {
        int[] shape = t.shape();
        shape[0] = indices.length;
        NdArray out = NdArray.zeros(t.backend(), t.dtype(), shape);
        if (t.storage() instanceof CpuStorage && t.isContiguous()) {
            // Rows of a contiguous array are contiguous blocks: copy them directly.
            int row = t.size(0) == 0 ? 0 : t.numel() / t.size(0);
            Object src = ((CpuStorage) t.storage()).array(), dst = ((CpuStorage) out.storage()).array();
            for (int b = 0; b < indices.length; b++) {
                System.arraycopy(src, t.offset() + indices[b] * row, dst, b * row, row);
            }
        } else {
            for (int b = 0; b < indices.length; b++) out.select(0, b).copyFrom(t.select(0, indices[b]));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TensorDataset(").append(size).append(" samples:");
        for (NdArray t : tensors) sb.append(' ').append(t.dtype().pyName()).append(Arrays.toString(t.shape()));
        return sb.append(')').toString();
    }
}
