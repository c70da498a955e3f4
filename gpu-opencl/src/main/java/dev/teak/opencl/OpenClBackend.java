package dev.teak.opencl;

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
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * The tensor {@link Backend} on one OpenCL device. Storage is a device buffer per array
 * ({@link OpenClStorage}); every op is one or a few kernel launches on the device's in-order
 * queue, and only transfers to the host wait for the device.
 *
 * <p>dtypes: float32, int32, int64 and bool everywhere the front end sends them; float64 when
 * the device has {@code cl_khr_fp64} (else allocating it throws). Matmul, spmm, im2col/col2im
 * and random numbers take float types only, as on the CPU. Integer division by zero and
 * out-of-range gather/scatter indices throw the CPU backend's exceptions, found through an
 * error word the kernels set and the host reads after those launches.
 */
public final class OpenClBackend implements Backend {
    private final Device device;
    private final OpenClContext ctx;
    final KernelSource sources;
    private final OpenClStorage errors;
    /** Device copies of host index arrays, by identity, dropped with the host array. */
    private final java.util.Map<int[], OpenClStorage> uploads = new java.util.WeakHashMap<>();

    OpenClBackend(int index, DeviceInfo info) {
        this.device = Device.opencl(index);
        this.ctx = new OpenClContext(info);
        this.sources = new KernelSource(info);
        this.errors = (OpenClStorage) allocate(DType.INT32, 3);
    }

    @Override public String name() { return "opencl"; }

    @Override public Device device() { return device; }

    public DeviceInfo info() { return ctx.info; }

    OpenClContext context() { return ctx; }

    /** Bytes of device memory held by live storages of this backend. */
    public long liveBytes() { return ctx.liveBytes(); }

    /** The highest {@link #liveBytes()} since the last {@link #resetPeakBytes()}. */
    public long peakBytes() { return ctx.peakBytes(); }

    public void resetPeakBytes() { ctx.resetPeak(); }

    /** Above this many live bytes an allocation first lets the collector free dropped arrays. */
    public void setSoftLimitBytes(long bytes) { ctx.setSoftLimit(bytes); }

    public long softLimitBytes() { return ctx.softLimit(); }

    /** Waits until every queued kernel has finished (for timing). */
    public void finish() { ctx.finish(); }

    /** Programs compiled from source and programs loaded from the disk cache so far. */
    public int[] programCounts() { return ctx.programs.counts(); }

    @Override public String toString() { return device + " " + ctx.info.summary(); }

    // ------------------------------------------------------------------ storage

    void requireSupported(String op, DType dtype) {
        if (dtype == DType.FLOAT64 && !ctx.info.fp64()) {
            throw new UnsupportedOperationException(op + ": " + device + " (" + ctx.info.name()
                    + ") has no cl_khr_fp64, so float64 is not supported there; use float32");
        }
    }

    @Override
    public Storage allocate(DType dtype, int size) { return allocate("allocate", dtype, size, true); }

    @Override
    public Storage empty(DType dtype, int size) { return allocate("empty", dtype, size, false); }

    private OpenClStorage allocate(String op, DType dtype, int size, boolean zero) {
        requireSupported(op, dtype);
        long bytes = (long) size * dtype.byteSize();
        cl_mem mem = ctx.allocate(bytes, zero);
        return new OpenClStorage(this, dtype, size, mem, bytes);
    }

    @Override
    public Storage fromHost(Object array, DType dtype) {
        Pointer p = hostPointer("fromHost", array, dtype);
        OpenClStorage s = allocate("fromHost", dtype, java.lang.reflect.Array.getLength(array), false);
        ctx.write(s.mem(), p, (long) s.size() * dtype.byteSize());
        return s;
    }

    @Override
    public Object toHost(Storage storage) {
        OpenClStorage s = st(storage);
        Object out;
        switch (s.dtype()) {
            case FLOAT32: out = new float[s.size()]; break;
            case FLOAT64: out = new double[s.size()]; break;
            case INT32: out = new int[s.size()]; break;
            case INT64: out = new long[s.size()]; break;
            default: out = new byte[s.size()];
        }
        ctx.read(s.mem(), hostPointer("toHost", out, s.dtype()), (long) s.size() * s.dtype().byteSize());
        return out;
    }

    private static Pointer hostPointer(String op, Object array, DType dtype) {
        switch (dtype) {
            case FLOAT32: if (array instanceof float[]) return Pointer.to((float[]) array); break;
            case FLOAT64: if (array instanceof double[]) return Pointer.to((double[]) array); break;
            case INT32: if (array instanceof int[]) return Pointer.to((int[]) array); break;
            case INT64: if (array instanceof long[]) return Pointer.to((long[]) array); break;
            default: if (array instanceof byte[]) return Pointer.to((byte[]) array);
        }
        throw new IllegalArgumentException(op + ": a " + array.getClass().getSimpleName() + " cannot hold " + dtype.pyName());
    }

    /**
     * A device copy of a host {@code int[]} the caller promises not to modify (CSR structure),
     * made on first use and reused while the array is reachable.
     */
    synchronized OpenClStorage upload(int[] data) {
        OpenClStorage s = uploads.get(data);
        if (s == null) {
            s = (OpenClStorage) allocate(DType.INT32, data.length);
            ctx.write(s.mem(), Pointer.to(data), (long) data.length * Integer.BYTES);
            uploads.put(data, s);
        }
        return s;
    }

    static OpenClStorage st(Storage s) {
        if (!(s instanceof OpenClStorage)) {
            throw new IllegalArgumentException("opencl: storage of " + s.backend().device() + " passed to the OpenCL backend");
        }
        return (OpenClStorage) s;
    }

    static OpenClStorage st(NdArray a) { return st(a.storage()); }

    // ------------------------------------------------------------------ kernel launches and errors

    void launch(String source, String kernel, long[] global, long[] local, Object... args) {
        ctx.launch(source, kernel, global, local, args);
    }

    /** The error word kernels report through; {@link #runChecked} clears it before and reads it after. */
    OpenClStorage errors() { return errors; }

    /** Runs launches that may report an error, then throws the CPU backend's exception for it. */
    synchronized void runChecked(String op, int axis, int size, Runnable launches) {
        ctx.write(errors.mem(), Pointer.to(new int[3]), 12);
        launches.run();
        int[] e = new int[3];
        ctx.read(errors.mem(), Pointer.to(e), 12);
        long value = (e[1] & 0xffffffffL) | ((long) e[2] << 32);
        switch (e[0]) {
            case 0: return;
            case 1: throw new ArithmeticException("integer division by zero");
            case 2: throw new ArithmeticException("integers to negative integer powers are not allowed");
            case 3: throw new ArithmeticException("integer remainder by zero");
            case 4: throw new IndexOutOfBoundsException(op + ": index " + value + " is out of range for axis " + axis + " of size " + size);
            default: throw new IllegalStateException(op + ": kernel reported unknown error " + e[0]);
        }
    }

    // ------------------------------------------------------------------ ops

    @Override public void copy(NdArray src, NdArray dst) { ClElementwise.copy(this, src, dst); }

    @Override public void fill(NdArray dst, double value) { ClElementwise.fill(this, dst, value); }

    @Override public void unary(UnaryOp op, NdArray x, NdArray out) { ClElementwise.unary(this, op, x, out); }

    @Override public void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) { ClElementwise.binary(this, op, a, b, out); }

    @Override public void where(NdArray cond, NdArray a, NdArray b, NdArray out) { ClElementwise.where(this, cond, a, b, out); }

    @Override public void reduce(ReduceOp op, NdArray x, int[] axes, NdArray out) { ClReduce.reduce(this, op, x, axes, out); }

    @Override
    public void argReduce(boolean max, NdArray x, int axis, NdArray values, NdArray indices) {
        ClReduce.argReduce(this, max, x, axis, values, indices);
    }

    @Override public void cumsum(NdArray x, int axis, NdArray out) { ClReduce.cumsum(this, x, axis, out); }

    @Override public void matmul(NdArray a, NdArray b, NdArray out) { ClLinalg.matmul(this, a, b, out); }

    @Override public void spmm(CsrMatrix a, NdArray dense, NdArray out) { ClLinalg.spmm(this, a, dense, out); }

    @Override public void gather(NdArray x, int axis, NdArray index, NdArray out) { ClIndexing.gather(this, x, axis, index, out); }

    @Override
    public void scatterAdd(NdArray target, int axis, NdArray index, NdArray src) {
        ClIndexing.scatterAdd(this, target, axis, index, src);
    }

    @Override
    public void sort(NdArray x, int axis, boolean descending, NdArray values, NdArray indices) {
        ClIndexing.sort(this, x, axis, descending, values, indices);
    }

    @Override public void im2col(NdArray x, ConvGeometry g, NdArray cols) { ClLinalg.im2col(this, x, g, cols); }

    @Override public void col2im(NdArray cols, ConvGeometry g, NdArray x) { ClLinalg.col2im(this, cols, g, x); }

    @Override
    public void random(RandomKind kind, long seed, long counter, NdArray out) { ClRandom.fill(this, kind, seed, counter, out); }
}
