package dev.teak.tensor;

/**
 * Integer-array indexing with PyTorch's semantics: {@code gather}, {@code scatterAdd} (the
 * functional {@code scatter_add}), {@code indexSelect}, {@code indexAdd}, {@code take},
 * {@code takeAlongDim} and {@code oneHot}. indexSelect, indexAdd, take and takeAlongDim are
 * built on the first two, with stride-0 views of the index instead of copies, so a backend
 * only needs two kernels; oneHot is a broadcast comparison.
 *
 * <p>Index arrays are int64 or int32 (converted). An index may be negative and then counts
 * from the end of the axis, as in NumPy (PyTorch accepts that only in {@code take}); anything
 * outside {@code [-size, size)} is rejected here, before any kernel runs, with a message that
 * names the op, the shapes and the offending value. Checking costs two reductions over the
 * index, and keeps backends that cannot throw from a kernel (OpenCL) safe.
 */
public final class Indexing {
    private Indexing() {}

    /**
     * {@code out[i][j][k] = x[i][index[i][j][k]][k]} for {@code axis = 1} ({@code torch.gather}).
     * {@code index} has the rank of {@code x} and no larger size on any other axis; the result
     * has the shape of {@code index} and the dtype of {@code x}.
     */
    public static NdArray gather(NdArray x, int axis, NdArray index) {
        x.requireSameDevice("gather", index);
        if (x.dim() == 0 && index.dim() == 0) return gather(x.reshape(1), 0, index.reshape(1)).reshape();
        int ax = checkIndexShape("gather", x, axis, index);
        NdArray idx = asLongIndex("gather", index);
        checkRange("gather", idx, x.size(ax), ax, x, index);
        return gatherUnchecked(x, ax, idx);
    }

    private static NdArray gatherUnchecked(NdArray x, int ax, NdArray idx) {
        NdArray out = NdArray.empty(x.backend(), x.dtype(), idx.shape());
        if (out.numel() > 0) x.backend().gather(x, ax, idx, out);
        return out;
    }

    /**
     * A copy of {@code target} plus {@code src} summed in at the indexed positions: for
     * {@code axis = 1}, {@code out[i][index[i][j][k]][k] += src[i][j][k]} (functional
     * {@code torch.scatter_add}). Repeated indices accumulate. {@code index} has the rank of
     * {@code target}, is no larger than {@code src} on any axis and no larger than {@code target}
     * on the other axes; elements of {@code src} beyond the index shape are ignored. The result
     * has the promoted dtype of {@code target} and {@code src}.
     */
    public static NdArray scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
        target.requireSameDevice("scatterAdd", index);
        target.requireSameDevice("scatterAdd", src);
        if (target.dim() == 0 && index.dim() == 0 && src.dim() == 0) {
            return scatterAdd(target.reshape(1), 0, index.reshape(1), src.reshape(1)).reshape();
        }
        int ax = checkIndexShape("scatterAdd", target, axis, index);
        if (src.dim() != index.dim()) {
            throw new IllegalArgumentException("scatterAdd: src of shape " + Shape.str(src.shape()) + " needs the rank of index "
                    + Shape.str(index.shape()) + " (target " + Shape.str(target.shape()) + ")");
        }
        for (int d = 0; d < index.dim(); d++) {
            if (index.size(d) > src.size(d)) {
                throw new IllegalArgumentException("scatterAdd: index of shape " + Shape.str(index.shape()) + " is larger than src "
                        + Shape.str(src.shape()) + " at axis " + d + " (target " + Shape.str(target.shape()) + ")");
            }
        }
        NdArray idx = asLongIndex("scatterAdd", index);
        checkRange("scatterAdd", idx, target.size(ax), ax, target, index);
        return scatterAddUnchecked(target, ax, idx, src);
    }

    private static NdArray scatterAddUnchecked(NdArray target, int ax, NdArray idx, NdArray src) {
        DType t = DType.promote(target.dtype(), src.dtype());
        // Fresh and contiguous, as the kernel requires (a dtype conversion already is both).
        NdArray out = target.dtype() == t ? target.copy() : target.to(t);
        if (idx.numel() > 0) target.backend().scatterAdd(out, ax, idx, src.to(t));
        return out;
    }

    /**
     * The sub-arrays at the positions of a 1-D {@code index} along {@code axis}
     * ({@code torch.index_select}); the axis gets the length of the index.
     */
    public static NdArray indexSelect(NdArray x, int axis, NdArray index) {
        x.requireSameDevice("indexSelect", index);
        if (x.dim() == 0) return indexSelect(x.reshape(1), 0, index).reshape(index.shape());
        int ax = Shape.axis("indexSelect", axis, x.dim());
        NdArray idx = asLongIndex("indexSelect", vector("indexSelect", index, x));
        checkRange("indexSelect", idx, x.size(ax), ax, x, index);
        int[] outShape = x.shape();
        outShape[ax] = idx.size(0);
        return gatherUnchecked(x, ax, alongAxis(idx, ax, outShape));
    }

    /**
     * A copy of {@code x} with the sub-arrays of {@code src} added at the positions of a 1-D
     * {@code index} along {@code axis} ({@code torch.index_add}); repeated indices accumulate.
     * {@code src} has the shape of {@code x} with that axis the length of the index.
     */
    public static NdArray indexAdd(NdArray x, int axis, NdArray index, NdArray src) {
        x.requireSameDevice("indexAdd", index);
        x.requireSameDevice("indexAdd", src);
        if (x.dim() == 0) return indexAdd(x.reshape(1), 0, index, src.dim() == 0 ? src.reshape(1) : src).reshape();
        int ax = Shape.axis("indexAdd", axis, x.dim());
        NdArray idx = asLongIndex("indexAdd", vector("indexAdd", index, x));
        int[] expected = x.shape();
        expected[ax] = idx.size(0);
        if (!java.util.Arrays.equals(src.shape(), expected)) {
            throw new IllegalArgumentException("indexAdd: src has shape " + Shape.str(src.shape()) + " but x of shape "
                    + Shape.str(x.shape()) + " with an index of length " + idx.size(0) + " along axis " + axis
                    + " needs " + Shape.str(expected));
        }
        checkRange("indexAdd", idx, x.size(ax), ax, x, index);
        return scatterAddUnchecked(x, ax, alongAxis(idx, ax, expected), src);
    }

    /**
     * Elements of {@code x} read as a flat row-major array, at the positions in {@code index};
     * the result has the shape of {@code index} ({@code torch.take}).
     */
    public static NdArray take(NdArray x, NdArray index) {
        x.requireSameDevice("take", index);
        NdArray flat = x.reshape(-1), idx = asLongIndex("take", index);
        checkRange("take", idx, flat.size(0), 0, x, index);
        return gatherUnchecked(flat, 0, idx.reshape(-1)).reshape(index.shape());
    }

    /**
     * {@link #gather} after broadcasting {@code x} and {@code index} against each other on every
     * axis but {@code axis} ({@code torch.take_along_dim}); pairs with {@code argsort}/{@code argmax}.
     */
    public static NdArray takeAlongDim(NdArray x, NdArray index, int axis) {
        x.requireSameDevice("takeAlongDim", index);
        if (x.dim() != index.dim()) {
            throw new IllegalArgumentException("takeAlongDim: x of shape " + Shape.str(x.shape()) + " and index of shape "
                    + Shape.str(index.shape()) + " need one rank");
        }
        int ax = Shape.axis("takeAlongDim", axis, x.dim());
        int[] xs = x.shape(), is = index.shape();
        int[] xRest = xs.clone(), iRest = is.clone();
        xRest[ax] = 1;
        iRest[ax] = 1;
        int[] common = Shape.broadcast("takeAlongDim", xRest, iRest);
        int[] xTarget = common.clone(), iTarget = common.clone();
        xTarget[ax] = xs[ax];
        iTarget[ax] = is[ax];
        return gather(x.broadcastTo(xTarget), ax, index.broadcastTo(iTarget));
    }

    /**
     * One-hot rows: {@code out[..., c] = 1} where {@code c == index[...]}, as int64
     * ({@code torch.nn.functional.one_hot}). {@code numClasses = -1} takes the largest index + 1.
     */
    public static NdArray oneHot(NdArray index, int numClasses) {
        NdArray idx = asLongIndex("oneHot", index);
        if (numClasses < -1) throw new IllegalArgumentException("oneHot: numClasses must be -1 or non-negative, got " + numClasses);
        long lo = 0, hi = -1;
        if (idx.numel() > 0) {
            lo = Reductions.reduce(ReduceOp.MIN, idx, new int[0], false).getLong();
            hi = Reductions.reduce(ReduceOp.MAX, idx, new int[0], false).getLong();
        } else if (numClasses == -1) {
            throw new IllegalArgumentException("oneHot: cannot infer numClasses from an empty index of shape " + Shape.str(index.shape()));
        }
        if (lo < 0) throw new IndexOutOfBoundsException("oneHot: class values must be non-negative, got " + lo + " in index of shape " + Shape.str(index.shape()));
        int classes = numClasses == -1 ? Math.toIntExact(hi + 1) : numClasses;
        if (hi >= classes) {
            throw new IndexOutOfBoundsException("oneHot: class value " + hi + " is not below numClasses " + classes
                    + " in index of shape " + Shape.str(index.shape()));
        }
        NdArray classIds = NdArray.arange(classes);
        if (!classIds.device().equals(idx.device())) classIds = classIds.to(idx.device());
        return idx.unsqueeze(idx.dim()).eq(classIds).to(DType.INT64);
    }

    // ------------------------------------------------------------------ validation helpers

    /** Rank and size rules shared by gather and scatterAdd; returns the normalised axis. */
    private static int checkIndexShape(String op, NdArray x, int axis, NdArray index) {
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException(op + ": index of shape " + Shape.str(index.shape()) + " needs the rank of the array "
                    + Shape.str(x.shape()));
        }
        int ax = Shape.axis(op, axis, x.dim());
        for (int d = 0; d < x.dim(); d++) {
            if (d != ax && index.size(d) > x.size(d)) {
                throw new IllegalArgumentException(op + ": index of shape " + Shape.str(index.shape()) + " is larger than the array "
                        + Shape.str(x.shape()) + " at axis " + d + " (only axis " + axis + " may differ)");
            }
        }
        return ax;
    }

    /** The index as int64 (int32 converted; anything else refused). */
    private static NdArray asLongIndex(String op, NdArray index) {
        if (index.dtype() == DType.INT64) return index;
        if (index.dtype() == DType.INT32) return index.to(DType.INT64);
        throw new IllegalArgumentException(op + ": index must be int64 or int32, got " + index.dtype().pyName()
                + " of shape " + Shape.str(index.shape()));
    }

    private static NdArray vector(String op, NdArray index, NdArray x) {
        if (index.dim() == 0) return index.reshape(1);
        if (index.dim() != 1) {
            throw new IllegalArgumentException(op + ": index must be 1-D, got shape " + Shape.str(index.shape()) + " for array "
                    + Shape.str(x.shape()));
        }
        return index;
    }

    /** A 1-D index viewed with stride 0 on every axis but {@code ax}: no copy. */
    private static NdArray alongAxis(NdArray idx, int ax, int[] shape) {
        int[] lifted = new int[shape.length];
        java.util.Arrays.fill(lifted, 1);
        lifted[ax] = idx.size(0);
        return idx.reshape(lifted).expand(shape);
    }

    /** Throws unless every value lies in {@code [-size, size)}; two reductions over the index. */
    private static void checkRange(String op, NdArray idx, int size, int ax, NdArray x, NdArray index) {
        if (idx.numel() == 0) return;
        long lo = Reductions.reduce(ReduceOp.MIN, idx, new int[0], false).getLong();
        long hi = Reductions.reduce(ReduceOp.MAX, idx, new int[0], false).getLong();
        long bad = lo < -size ? lo : hi >= size ? hi : Long.MIN_VALUE;
        if (bad != Long.MIN_VALUE) {
            throw new IndexOutOfBoundsException(op + ": index " + bad + " is out of range for axis " + ax + " of size " + size
                    + " (array " + Shape.str(x.shape()) + ", index " + Shape.str(index.shape()) + ")");
        }
    }
}
