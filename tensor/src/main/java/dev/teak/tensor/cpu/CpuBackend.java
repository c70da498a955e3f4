package dev.teak.tensor.cpu;

import dev.teak.tensor.Backend;
import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.Storage;
import dev.teak.tensor.UnaryOp;
import dev.teak.tensor.sparse.CsrMatrix;

/** The pure-Java reference backend: heap arrays, Vector API kernels where present, a spinning thread pool (SpinPool). */
public final class CpuBackend implements Backend {
    public static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {}

    @Override public String name() { return "cpu"; }

    @Override public Device device() { return Device.CPU; }

    /** One line for {@code teak info}: kernel path, threads, and whether outputs skip the zero fill. */
    public String describe() {
        return "kernels " + KernelPath.describe() + ", " + Parallel.threads() + " threads, " + outputs();
    }

    /** {@code outputs without zero fill} when {@link Uninitialized} is in use, else {@code outputs zero-filled}. */
    public static String outputs() { return Uninitialized.active() ? "outputs without zero fill" : "outputs zero-filled"; }

    @Override public Storage allocate(DType dtype, int size) { return CpuStorage.allocate(dtype, size); }

    /** float32 and float64 outputs skip the zero fill when the JVM allows it ({@link Uninitialized}). */
    @Override
    public Storage empty(DType dtype, int size) {
        if (size < 0) return allocate(dtype, size);    // fails as allocate does
        switch (dtype) {
            case FLOAT32: return CpuStorage.wrap(Uninitialized.floats(size));
            case FLOAT64: return CpuStorage.wrap(Uninitialized.doubles(size));
            default: return allocate(dtype, size);
        }
    }

    @Override
    public Storage fromHost(Object array, DType dtype) {
        CpuStorage s = CpuStorage.allocate(dtype, java.lang.reflect.Array.getLength(array));
        if (s.array().getClass() != array.getClass()) {
            throw new IllegalArgumentException("fromHost: a " + array.getClass().getSimpleName() + " cannot hold " + dtype.pyName());
        }
        System.arraycopy(array, 0, s.array(), 0, s.size());
        return s;
    }

    @Override
    public Object toHost(Storage storage) {
        CpuStorage s = (CpuStorage) storage;
        Object out = java.lang.reflect.Array.newInstance(s.array().getClass().getComponentType(), s.size());
        System.arraycopy(s.array(), 0, out, 0, s.size());
        return out;
    }

    @Override public void copy(NdArray src, NdArray dst) { CpuElementwise.copy(src, dst); }

    @Override public void fill(NdArray dst, double value) { CpuElementwise.fill(dst, value); }

    @Override public void unary(UnaryOp op, NdArray x, NdArray out) { CpuElementwise.unary(op, x, out); }

    @Override public void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) { CpuElementwise.binary(op, a, b, out); }

    @Override public void where(NdArray cond, NdArray a, NdArray b, NdArray out) { CpuElementwise.where(cond, a, b, out); }

    @Override public void reduce(ReduceOp op, NdArray x, int[] axes, NdArray out) { CpuReduce.reduce(op, x, axes, out); }

    @Override
    public void argReduce(boolean max, NdArray x, int axis, NdArray values, NdArray indices) {
        CpuReduce.argReduce(max, x, axis, values, indices);
    }

    @Override public void cumsum(NdArray x, int axis, NdArray out) { CpuReduce.cumsum(x, axis, out); }

    @Override public NdArray softmaxLastAxis(NdArray x, boolean log) {
        if (x.dtype() != DType.FLOAT32) return null;
        NdArray out = NdArray.empty(this, DType.FLOAT32, x.shape());
        CpuSoftmax.lastAxis(x, log, out);
        return out;
    }

    @Override public NdArray[] layerNormRows(NdArray x, NdArray w, NdArray b, double eps) {
        return CpuLayerNorm.fits(x, w, b) ? CpuLayerNorm.forward(this, x, w, b, eps) : null;
    }

    @Override public NdArray layerNormRowsBackward(NdArray g, NdArray xhat, NdArray rstd, NdArray w) {
        return CpuLayerNorm.fits(g, w, xhat, rstd) ? CpuLayerNorm.backward(this, g, xhat, rstd, w) : null;
    }

    @Override public void matmul(NdArray a, NdArray b, NdArray out) { CpuMatmul.matmul(a, b, out); }

    @Override public void spmm(CsrMatrix a, NdArray dense, NdArray out) { CpuSparse.spmm(a, dense, out); }

    @Override public void gather(NdArray x, int axis, NdArray index, NdArray out) { CpuIndexing.gather(x, axis, index, out); }

    @Override
    public void scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
        CpuIndexing.scatterAdd(target, axis, index, src);
    }

    @Override
    public void sort(NdArray x, int axis, boolean descending, NdArray values, NdArray indices) {
        CpuIndexing.sort(x, axis, descending, values, indices);
    }

    @Override public void im2col(NdArray x, ConvGeometry g, NdArray cols) { CpuConv.im2col(x, g, cols); }

    @Override public void col2im(NdArray cols, ConvGeometry g, NdArray x) { CpuConv.col2im(cols, g, x); }

    @Override
    public void random(RandomKind kind, long seed, long counter, NdArray out) { CpuRandom.fill(kind, seed, counter, out); }
}
