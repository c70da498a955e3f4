package dev.teak.tensor;

import dev.teak.tensor.sparse.CsrMatrix;

/**
 * The kernels a device must provide. The front end ({@link NdArray} and the op classes)
 * checks shapes and dtypes, promotes, broadcasts (by stride-0 views) and allocates outputs;
 * a backend only runs loops over arrays that already agree. Every array passed in lives on
 * this backend. Outputs named {@code out} are freshly allocated and contiguous unless a
 * method says otherwise.
 *
 * <p>The CPU backend is the reference; other backends must match it within the tolerances
 * of the parity suite.
 */
public interface Backend {
    /** Short name, e.g. {@code cpu} or {@code opencl}. */
    String name();

    Device device();

    /** A zero-filled block of {@code size} elements. */
    Storage allocate(DType dtype, int size);

    /**
     * A block whose contents are unspecified ({@code torch.empty}), for outputs that an op
     * overwrites entirely: a backend then skips the zero fill (a device one launch fewer per op,
     * the CPU one a serial pass over the array). By default it simply allocates.
     */
    default Storage empty(DType dtype, int size) { return allocate(dtype, size); }

    /**
     * Copies a Java array ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]},
     * or {@code byte[]} of 0/1 for bool) into new storage of the given dtype.
     */
    Storage fromHost(Object array, DType dtype);

    /** A fresh Java array (typed as in {@link #fromHost}) with the storage's elements. */
    Object toHost(Storage storage);

    // ---- elementwise ----

    /** {@code dst[i] = src[i]} over equal shapes, converting dtype; {@code dst} may be a strided view. */
    void copy(NdArray src, NdArray dst);

    /** Sets every element of {@code dst} (possibly a strided view) to {@code value}. */
    void fill(NdArray dst, double value);

    void unary(UnaryOp op, NdArray x, NdArray out);

    /** {@code a}, {@code b} and {@code out} have the same shape (broadcasting is done by views). */
    void binary(BinaryOp op, NdArray a, NdArray b, NdArray out);

    /** {@code out = cond ? a : b}, all of one shape; {@code cond} is bool. */
    void where(NdArray cond, NdArray a, NdArray b, NdArray out);

    // ---- reductions ----

    /** Reduces {@code axes} (sorted, distinct); {@code out} has the keep-dim shape. */
    void reduce(ReduceOp op, NdArray x, int[] axes, NdArray out);

    /**
     * Max ({@code max = true}) or min along one axis with the index of the first extreme;
     * {@code values} and {@code indices} (int64) have the keep-dim shape. NaN counts as extreme.
     */
    void argReduce(boolean max, NdArray x, int axis, NdArray values, NdArray indices);

    /** Inclusive prefix sum along {@code axis}. */
    void cumsum(NdArray x, int axis, NdArray out);

    /**
     * Softmax (or, with {@code log}, log-softmax) along the last axis of a contiguous, non-empty
     * {@code x} in one fused kernel, as a new array of its shape and dtype; or {@code null} when
     * this backend has no such kernel for {@code x}'s dtype, and the caller computes the
     * composite instead.
     */
    default NdArray softmaxLastAxis(NdArray x, boolean log) { return null; }

    /**
     * Layer normalisation of the rows of a contiguous {@code [rows, n]} {@code x} with optional
     * contiguous {@code [n]} weight and bias in one fused kernel: {@code {y, xhat, rstd}} as in
     * {@link LayerNormRows#forward}; or {@code null} when this backend has no such kernel for
     * these arrays, and the caller computes the composite instead.
     */
    default NdArray[] layerNormRows(NdArray x, NdArray w, NdArray b, double eps) { return null; }

    /** The input gradient of {@link #layerNormRows} ({@link LayerNormRows#backward}) in one fused kernel, or {@code null}. */
    default NdArray layerNormRowsBackward(NdArray g, NdArray xhat, NdArray rstd, NdArray w) { return null; }

    // ---- linear algebra ----

    /**
     * Batched matrix product: {@code a} is {@code [..., m, k]}, {@code b} {@code [..., k, n]},
     * {@code out} {@code [..., m, n]}, with equal batch shapes ({@code a} and {@code b} may be
     * any strided views, stride 0 included).
     */
    void matmul(NdArray a, NdArray b, NdArray out);

    /** {@code out = a @ dense} for a CSR matrix {@code a} and a 2-D dense array. */
    void spmm(CsrMatrix a, NdArray dense, NdArray out);

    // ---- indexing ----

    /** {@code out[i][j][k] = x[i][index[i][j][k]][k]} for {@code axis = 1} (torch.gather); index is int64. */
    void gather(NdArray x, int axis, NdArray index, NdArray out);

    /**
     * In place {@code target[i][index[i][j][k]][k] += src[i][j][k]} for {@code axis = 1}
     * (torch.scatter_add_); {@code target} is contiguous.
     */
    void scatterAdd(NdArray target, int axis, NdArray index, NdArray src);

    /** Stable sort along {@code axis}; {@code indices} is int64. */
    void sort(NdArray x, int axis, boolean descending, NdArray values, NdArray indices);

    // ---- convolution ----

    /** Unfolds {@code x [N, C, H, W]} into {@code cols [N, C*kh*kw, outH*outW]}. */
    void im2col(NdArray x, ConvGeometry g, NdArray cols);

    /** The adjoint of {@link #im2col}: sums {@code cols} back into {@code x [N, C, H, W]} (zeroed by the caller). */
    void col2im(NdArray cols, ConvGeometry g, NdArray x);

    // ---- random numbers ----

    /**
     * Fills {@code out} (float32 or float64, contiguous) with Philox 4x32-10 draws for key
     * {@code seed}: element {@code i} uses counter block {@code counter + i / 4}, lane {@code i % 4}
     * (uniform in [0, 1)), or standard normals by Box-Muller on lane pairs. The exact layout,
     * float64's second substream for its low bits included, is written out in
     * {@link dev.teak.tensor.random.Philox}.
     */
    void random(RandomKind kind, long seed, long counter, NdArray out);

    /** The check every {@link #random} implementation makes: {@code out} is float32 or float64 and contiguous. */
    static void checkRandomOutput(NdArray out) {
        if (!out.dtype().isFloating()) {
            throw new IllegalArgumentException("random: output must be float32 or float64, got " + out.dtype().pyName()
                    + " of shape " + Shape.str(out.shape()));
        }
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("random: output of shape " + Shape.str(out.shape()) + " with strides "
                    + Shape.str(out.strides()) + " is not contiguous");
        }
    }

    /** The distributions {@link #random} draws directly; the rest are built on them. */
    enum RandomKind { UNIFORM, NORMAL }
}
