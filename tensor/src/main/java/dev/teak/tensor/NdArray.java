package dev.teak.tensor;

import dev.teak.tensor.cpu.CpuStorage;
import java.util.Arrays;

/**
 * A dense n-dimensional array: a {@link Storage} seen through a layout (shape, strides in
 * elements, offset). It knows nothing of gradients. Views ({@link #reshape} of contiguous data,
 * {@link #permute}, {@link #expand}, {@link #slice}, {@link #squeeze}, {@link #diagonal}, ...)
 * share storage and never copy; {@link #contiguous()} and the ops return new arrays.
 *
 * <p>Arrays are values in practice: no op writes into its inputs. The few mutating methods
 * ({@link #set}, {@link #copyFrom}, {@link #fill}) are for building data and for optimizers,
 * and say so.
 */
public final class NdArray {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    /** A view; checks that every reachable element lies inside the storage. */
    public NdArray(Storage storage, int[] shape, int[] strides, int offset) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape " + Shape.str(shape) + " and strides " + Shape.str(strides) + " differ in rank");
        }
        int n = Shape.numel(shape);
        if (n > 0) {
            long lo = offset, hi = offset;
            for (int d = 0; d < shape.length; d++) {
                long span = (long) (shape[d] - 1) * strides[d];
                if (span < 0) lo += span; else hi += span;
            }
            if (lo < 0 || hi >= storage.size()) {
                throw new IndexOutOfBoundsException("view " + Shape.str(shape) + " strides " + Shape.str(strides)
                        + " offset " + offset + " reaches outside a storage of " + storage.size() + " elements");
            }
        }
        this.storage = storage;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.offset = offset;
    }

    /** A contiguous array over fresh storage. */
    static NdArray contiguousOver(Storage storage, int[] shape) {
        return new NdArray(storage, shape, Shape.contiguousStrides(shape), 0);
    }

    // ------------------------------------------------------------------ factories

    /** Zeros of the given dtype on a backend. */
    public static NdArray zeros(Backend backend, DType dtype, int... shape) {
        return contiguousOver(backend.allocate(dtype, Shape.numel("zeros", shape)), shape);
    }

    public static NdArray zeros(DType dtype, int... shape) { return zeros(Backends.cpu(), dtype, shape); }

    /**
     * An array whose elements are unspecified until written ({@code torch.empty}): for outputs
     * an op overwrites entirely. Whatever the memory held: on the CPU, float arrays skip the JVM's
     * zero fill when it allows ({@code cpu.Uninitialized}), other types come zeroed.
     */
    public static NdArray empty(Backend backend, DType dtype, int... shape) {
        return contiguousOver(backend.empty(dtype, Shape.numel("empty", shape)), shape);
    }

    /** float32 zeros, like {@code torch.zeros}. */
    public static NdArray zeros(int... shape) { return zeros(DType.FLOAT32, shape); }

    public static NdArray ones(DType dtype, int... shape) { return full(1, dtype, shape); }

    public static NdArray ones(int... shape) { return full(1, DType.FLOAT32, shape); }

    public static NdArray full(double value, DType dtype, int... shape) {
        NdArray a = zeros(dtype, shape);
        if (value != 0) a.fill(value);
        return a;
    }

    /** A rank-0 array holding one value. */
    public static NdArray scalar(double value, DType dtype) { return full(value, dtype); }

    public static NdArray scalar(double value) { return scalar(value, DType.FLOAT32); }

    /** Wraps a copy of the data (row-major) in the given shape; no shape means 1-D. */
    public static NdArray of(float[] data, int... shape) { return fromHost(data.clone(), DType.FLOAT32, data.length, shape); }

    public static NdArray of(double[] data, int... shape) { return fromHost(data.clone(), DType.FLOAT64, data.length, shape); }

    public static NdArray of(int[] data, int... shape) { return fromHost(data.clone(), DType.INT32, data.length, shape); }

    public static NdArray of(long[] data, int... shape) { return fromHost(data.clone(), DType.INT64, data.length, shape); }

    public static NdArray of(boolean[] data, int... shape) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (data[i] ? 1 : 0);
        return fromHost(b, DType.BOOL, data.length, shape);
    }

    private static NdArray fromHost(Object data, DType dtype, int length, int[] shape) {
        int[] sh = shape.length == 0 ? new int[] {length} : Shape.infer("of", shape, length);
        return contiguousOver(Backends.cpu().fromHost(data, dtype), sh);
    }

    /** {@code [start, end)} in steps, int64 like {@code torch.arange} with integer arguments. */
    public static NdArray arange(long start, long end, long step) {
        if (step == 0) throw new IllegalArgumentException("arange: step must not be 0");
        // ceil((end - start) / step) in exact arithmetic: end - start overflows a long for wide ranges
        java.math.BigInteger span = java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger[] qr = span.divideAndRemainder(java.math.BigInteger.valueOf(step));
        java.math.BigInteger count = qr[1].signum() != 0 && qr[0].signum() >= 0 && span.signum() == Long.signum(step)
                ? qr[0].add(java.math.BigInteger.ONE) : qr[0];
        if (count.signum() < 0) count = java.math.BigInteger.ZERO;
        if (count.compareTo(java.math.BigInteger.valueOf(Shape.MAX_NUMEL)) > 0) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step + "): " + count
                    + " elements, more than the " + Shape.MAX_NUMEL + " one Java array can hold");
        }
        long n = count.longValueExact();
        long[] v = new long[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = start + i * step;
        return fromHost(v, DType.INT64, v.length, new int[0]);
    }

    public static NdArray arange(long end) { return arange(0, end, 1); }

    /** {@code n} evenly spaced values from {@code start} to {@code end} inclusive. */
    public static NdArray linspace(double start, double end, int n, DType dtype) {
        if (n < 0) throw new IllegalArgumentException("linspace: number of steps must be >= 0, got " + n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = n == 1 ? start : start + (end - start) * i / (n - 1);
        return of(v).to(dtype);
    }

    /** The n x n identity. */
    public static NdArray eye(int n, DType dtype) {
        NdArray a = zeros(dtype, n, n);
        a.diagonal(0, 0, 1).fill(1);
        return a;
    }

    // ------------------------------------------------------------------ layout

    public Storage storage() { return storage; }

    public Backend backend() { return storage.backend(); }

    public Device device() { return storage.backend().device(); }

    public DType dtype() { return storage.dtype(); }

    public int[] shape() { return shape.clone(); }

    public int[] strides() { return strides.clone(); }

    public int offset() { return offset; }

    /** Size along one axis (negative counts from the end). */
    public int size(int axis) { return shape[axisOf("size", axis)]; }

    public int stride(int axis) { return strides[axisOf("stride", axis)]; }

    /**
     * An axis of this array in {@code [0, rank)}: for ops that index an axis, which a rank-0
     * array does not have (reductions, by contrast, accept axis 0 or -1 on it, as PyTorch does).
     */
    private int axisOf(String op, int axis) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " given for a 0-dim array (shape []), which has no axes");
        }
        return Shape.axis(op, axis, shape.length);
    }

    /** Rank. */
    public int dim() { return shape.length; }

    public int numel() { return Shape.numel(shape); }

    public boolean isContiguous() { return Shape.isContiguous(shape, strides); }

    // ------------------------------------------------------------------ views

    /** Same data in a new shape; a view when the layout allows it, else a copy (like torch.reshape). */
    public NdArray reshape(int... newShape) {
        int[] target = Shape.infer("reshape", newShape, numel());
        int[] st = viewStrides(target);
        return st != null ? new NdArray(storage, target, st, offset) : contiguous().reshape(target);
    }

    /** Like {@link #reshape} but never copies: fails when the layout cannot be viewed so (torch.view). */
    public NdArray view(int... newShape) {
        int[] target = Shape.infer("view", newShape, numel());
        int[] st = viewStrides(target);
        if (st == null) {
            throw new IllegalArgumentException("view: cannot view shape " + Shape.str(shape) + " with strides "
                    + Shape.str(strides) + " as " + Shape.str(target) + " without a copy; use reshape");
        }
        return new NdArray(storage, target, st, offset);
    }

    /**
     * Strides for {@code target} over this layout, or null when a copy is needed. Walks the old
     * axes from the right in chunks that are contiguous among themselves; each chunk must be
     * covered exactly by a run of new axes (the rule of PyTorch's {@code computeStride}).
     */
    private int[] viewStrides(int[] target) {
        if (isContiguous() || numel() == 0) return Shape.contiguousStrides(target);
        int[] out = new int[target.length];
        int viewD = target.length - 1;
        long chunkBase = strides[strides.length - 1], tensorNumel = 1, viewNumel = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            tensorNumel *= shape[d];
            boolean chunkEnds = d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase);
            if (!chunkEnds) continue;
            while (viewD >= 0 && (viewNumel < tensorNumel || target[viewD] == 1)) {
                out[viewD] = (int) (viewNumel * chunkBase);
                viewNumel *= target[viewD];
                viewD--;
            }
            if (viewNumel != tensorNumel) return null;
            if (d > 0) { chunkBase = strides[d - 1]; tensorNumel = 1; viewNumel = 1; }
        }
        return viewD == -1 ? out : null;
    }

    /** Reorders axes: {@code permute(1, 0)} is a transpose. */
    public NdArray permute(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("permute: got " + axes.length + " axes for an array of rank " + shape.length);
        }
        int[] sh = new int[axes.length], st = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = Shape.axis("permute", axes[i], shape.length);
            if (seen[a]) throw new IllegalArgumentException("permute: axis " + axes[i] + " repeated in " + Arrays.toString(axes));
            seen[a] = true;
            sh[i] = shape[a];
            st[i] = strides[a];
        }
        return new NdArray(storage, sh, st, offset);
    }

    /** Swaps two axes. */
    public NdArray transpose(int a, int b) {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        int x = Shape.axis("transpose", a, shape.length), y = Shape.axis("transpose", b, shape.length);
        if (shape.length == 0) return this; // transpose(0, 0) of a 0-dim array, as PyTorch allows
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /** The transpose of the last two axes ({@code mT}). */
    public NdArray mT() {
        if (shape.length < 2) throw new IllegalArgumentException("mT: needs rank >= 2, got shape " + Shape.str(shape));
        return transpose(-2, -1);
    }

    /** Broadcasts to a larger shape with stride-0 views ({@code -1} keeps a size). */
    public NdArray expand(int... target) {
        if (target.length < shape.length) {
            throw new IllegalArgumentException("expand: cannot expand " + Shape.str(shape) + " to fewer dimensions " + Shape.str(target));
        }
        int[] t = target.clone();
        int shift = t.length - shape.length;
        for (int i = 0; i < t.length; i++) if (t[i] == -1 && i >= shift) t[i] = shape[i - shift];
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0) {
                throw new IllegalArgumentException("expand: size " + target[i] + " at dimension " + i + " is not allowed in "
                        + Shape.str(target) + " (-1 only keeps an existing size) for shape " + Shape.str(shape));
            }
        }
        Shape.numel("expand", t); // refuses sizes beyond one Java array before any stride arithmetic
        return new NdArray(storage, t, Shape.broadcastStrides(shape, strides, t), offset);
    }

    /** Elements {@code start, start+step, ...} below {@code end} along an axis; negative bounds count from the end. */
    public NdArray slice(int axis, int start, int end, int step) {
        int ax = axisOf("slice", axis);
        if (step <= 0) throw new IllegalArgumentException("slice: step must be positive, got " + step);
        int n = shape[ax];
        int s = clamp(start < 0 ? start + n : start, n), e = clamp(end < 0 ? end + n : end, n);
        int len = e > s ? (e - s - 1) / step + 1 : 0; // ceil((e - s) / step) without overflow for huge steps
        int[] sh = shape.clone(), st = strides.clone();
        sh[ax] = len;
        st[ax] = len > 1 ? strides[ax] * step : strides[ax]; // with len > 1, step < n and the product fits
        return new NdArray(storage, sh, st, len == 0 ? offset : offset + s * strides[ax]);
    }

    public NdArray slice(int axis, int start, int end) { return slice(axis, start, end, 1); }

    private static int clamp(int v, int n) { return Math.max(0, Math.min(v, n)); }

    /** {@code length} elements from {@code start} along an axis (torch.narrow). */
    public NdArray narrow(int axis, int start, int length) {
        int ax = axisOf("narrow", axis);
        if (start < 0 || length < 0 || start > shape[ax] || length > shape[ax] - start) { // no int overflow in start + length
            throw new IndexOutOfBoundsException("narrow: [" + start + ", " + (start + length) + ") is outside axis "
                    + axis + " of size " + shape[ax] + " in shape " + Shape.str(shape));
        }
        return slice(ax, start, start + length, 1);
    }

    /** The sub-array at {@code index} along an axis, with that axis removed. */
    public NdArray select(int axis, int index) {
        int ax = axisOf("select", axis);
        int i = index < 0 ? index + shape[ax] : index;
        if (i < 0 || i >= shape[ax]) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for axis " + axis
                    + " of size " + shape[ax] + " in shape " + Shape.str(shape));
        }
        return new NdArray(storage, remove(shape, ax), remove(strides, ax), offset + i * strides[ax]);
    }

    /** Drops every size-1 axis. */
    public NdArray squeeze() {
        int n = 0;
        for (int s : shape) if (s != 1) n++;
        int[] sh = new int[n], st = new int[n];
        for (int d = 0, k = 0; d < shape.length; d++) if (shape[d] != 1) { sh[k] = shape[d]; st[k++] = strides[d]; }
        return new NdArray(storage, sh, st, offset);
    }

    /** Drops one axis if its size is 1 (else returns this, as PyTorch does). */
    public NdArray squeeze(int axis) {
        int ax = Shape.axis("squeeze", axis, shape.length);
        if (shape.length == 0 || shape[ax] != 1) return this;
        return new NdArray(storage, remove(shape, ax), remove(strides, ax), offset);
    }

    /** Inserts a size-1 axis at {@code axis} (in {@code [-rank-1, rank]}). */
    public NdArray unsqueeze(int axis) {
        int ax = Shape.axis("unsqueeze", axis, shape.length + 1);
        int[] sh = new int[shape.length + 1], st = new int[shape.length + 1];
        for (int d = 0, k = 0; d < sh.length; d++) {
            if (d == ax) { sh[d] = 1; st[d] = ax < shape.length ? strides[ax] * shape[ax] : 1; }
            else { sh[d] = shape[k]; st[d] = strides[k++]; }
        }
        return new NdArray(storage, sh, st, offset);
    }

    /** The diagonal {@code a[i, i + offset]} over two axes, appended as the last axis (torch.diagonal). */
    public NdArray diagonal(int diagOffset, int axis1, int axis2) {
        if (shape.length < 2) throw new IllegalArgumentException("diagonal: needs rank >= 2, got shape " + Shape.str(shape));
        int a = Shape.axis("diagonal", axis1, shape.length), b = Shape.axis("diagonal", axis2, shape.length);
        if (a == b) throw new IllegalArgumentException("diagonal: axes must differ, got " + axis1 + " and " + axis2);
        int len = diagOffset >= 0 ? Math.max(0, Math.min(shape[a], shape[b] - diagOffset))
                : Math.max(0, Math.min(shape[a] + diagOffset, shape[b]));
        int start = len == 0 ? offset : offset + (diagOffset >= 0 ? diagOffset * strides[b] : -diagOffset * strides[a]);
        int[] sh = new int[shape.length - 1], st = new int[shape.length - 1];
        for (int d = 0, k = 0; d < shape.length; d++) if (d != a && d != b) { sh[k] = shape[d]; st[k++] = strides[d]; }
        sh[sh.length - 1] = len;
        st[st.length - 1] = strides[a] + strides[b];
        return new NdArray(storage, sh, st, start);
    }

    /** Merges axes {@code start..end} (inclusive) into one. */
    public NdArray flatten(int start, int end) {
        if (shape.length == 0) return reshape(1);
        int s = Shape.axis("flatten", start, shape.length), e = Shape.axis("flatten", end, shape.length);
        if (s > e) throw new IllegalArgumentException("flatten: start axis " + start + " is after end axis " + end);
        int[] sh = new int[shape.length - (e - s)];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d < s || d > e) sh[k++] = shape[d];
            else if (d == s) { int p = 1; for (int j = s; j <= e; j++) p *= shape[j]; sh[k++] = p; }
        }
        return reshape(sh);
    }

    public NdArray flatten() { return reshape(-1); }

    private static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    // ------------------------------------------------------------------ copies and conversion

    /** This array if contiguous, else a contiguous copy. */
    public NdArray contiguous() { return isContiguous() ? this : copy(); }

    /** A contiguous copy with its own storage (torch.clone). */
    public NdArray copy() { return to(dtype(), true); }

    /** Converted to another dtype (this array when it already has it). */
    public NdArray to(DType dtype) { return to(dtype, false); }

    private NdArray to(DType dtype, boolean force) {
        if (!force && dtype == dtype()) return this;
        NdArray out = empty(backend(), dtype, shape);
        backend().copy(this, out);
        return out;
    }

    /** On another device (this array when it is already there). */
    public NdArray to(Device device) {
        if (device.equals(device())) return this;
        Backend target = Backends.get(device);
        NdArray c = contiguous();
        Object host = c.backend().toHost(c.storage);
        if (c.offset != 0 || c.storage.size() != c.numel()) host = sliceHost(host, c.offset, c.numel());
        return contiguousOver(target.fromHost(host, dtype()), shape);
    }

    private static Object sliceHost(Object host, int from, int n) {
        Object out = java.lang.reflect.Array.newInstance(host.getClass().getComponentType(), n);
        System.arraycopy(host, from, out, 0, n);
        return out;
    }

    /**
     * Writes {@code src} (broadcast to this shape, converted to this dtype) into this array's
     * elements. Mutates. Refuses a destination with a stride-0 axis (an expanded view), where
     * several elements share one location and the value kept would depend on thread timing.
     */
    public NdArray copyFrom(NdArray src) {
        requireSameDevice("copyFrom", src);
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] == 0 && shape[d] > 1) {
                throw new IllegalArgumentException("copyFrom: the destination of shape " + Shape.str(shape) + " with strides "
                        + Shape.str(strides) + " has " + shape[d] + " elements at one location along axis " + d
                        + "; write into a copy() instead");
            }
        }
        backend().copy(src.broadcastTo(shape), this);
        return this;
    }

    /** Sets every element. Mutates. */
    public NdArray fill(double value) {
        backend().fill(this, value);
        return this;
    }

    /** Broadcasts to {@code target} (a view). */
    public NdArray broadcastTo(int... target) {
        if (Arrays.equals(target, shape)) return this;
        Shape.broadcast("broadcastTo", shape, target); // validates
        return expand(target);
    }

    // ------------------------------------------------------------------ host access

    private CpuStorage cpu(String op) {
        if (!(storage instanceof CpuStorage)) {
            throw new IllegalStateException(op + ": array lives on " + device() + "; move it with to(Device.CPU) first");
        }
        return (CpuStorage) storage;
    }

    private int flatOffset(String op, int[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException(op + ": " + idx.length + " indices for an array of shape " + Shape.str(shape));
        }
        int o = offset;
        for (int d = 0; d < idx.length; d++) {
            int i = idx[d] < 0 ? idx[d] + shape[d] : idx[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException(op + ": index " + idx[d] + " is out of range for axis " + d
                        + " of size " + shape[d] + " in shape " + Shape.str(shape));
            }
            o += i * strides[d];
        }
        return o;
    }

    /** One element as a double. */
    public double getDouble(int... idx) {
        return onCpu().cpu("getDouble").getDouble(onCpu().flatOffset("getDouble", idx));
    }

    public long getLong(int... idx) { return onCpu().cpu("getLong").getLong(onCpu().flatOffset("getLong", idx)); }

    /** Sets one element. Mutates; CPU arrays only. */
    public NdArray set(double value, int... idx) {
        cpu("set").setDouble(flatOffset("set", idx), value);
        return this;
    }

    /** The value of a one-element array. */
    public double item() {
        if (numel() != 1) throw new IllegalArgumentException("item: array of shape " + Shape.str(shape) + " has " + numel() + " elements, not 1");
        return reshape().getDouble();
    }

    private NdArray onCpu() { return device().isCpu() ? this : to(Device.CPU); }

    private Object hostCopy(DType as) {
        NdArray c = onCpu().to(as).contiguous();
        Object host = c.backend().toHost(c.storage);
        return c.offset == 0 && c.storage.size() == c.numel() ? host : sliceHost(host, c.offset, c.numel());
    }

    /** Row-major copy of the elements as floats. */
    public float[] toFloatArray() { return (float[]) hostCopy(DType.FLOAT32); }

    public double[] toDoubleArray() { return (double[]) hostCopy(DType.FLOAT64); }

    public int[] toIntArray() { return (int[]) hostCopy(DType.INT32); }

    public long[] toLongArray() { return (long[]) hostCopy(DType.INT64); }

    public boolean[] toBooleanArray() {
        byte[] b = (byte[]) hostCopy(DType.BOOL);
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] != 0;
        return out;
    }

    /** Throws when {@code other} lives on another device, naming both (PyTorch's rule). */
    public void requireSameDevice(String op, NdArray other) {
        if (!device().equals(other.device())) {
            throw new IllegalArgumentException(op + ": expected all arrays on one device, got " + device() + " and " + other.device());
        }
    }

    // ------------------------------------------------------------------ ops (see the op classes)

    public NdArray add(NdArray o) { return Elementwise.binary(BinaryOp.ADD, this, o); }
    public NdArray sub(NdArray o) { return Elementwise.binary(BinaryOp.SUB, this, o); }
    public NdArray mul(NdArray o) { return Elementwise.binary(BinaryOp.MUL, this, o); }
    public NdArray div(NdArray o) { return Elementwise.binary(BinaryOp.DIV, this, o); }
    public NdArray pow(NdArray o) { return Elementwise.binary(BinaryOp.POW, this, o); }
    public NdArray maximum(NdArray o) { return Elementwise.binary(BinaryOp.MAX, this, o); }
    public NdArray minimum(NdArray o) { return Elementwise.binary(BinaryOp.MIN, this, o); }
    public NdArray add(double s) { return Elementwise.binary(BinaryOp.ADD, this, Elementwise.scalarLike(this, s)); }
    public NdArray sub(double s) { return Elementwise.binary(BinaryOp.SUB, this, Elementwise.scalarLike(this, s)); }
    public NdArray mul(double s) { return Elementwise.binary(BinaryOp.MUL, this, Elementwise.scalarLike(this, s)); }
    public NdArray div(double s) { return Elementwise.binary(BinaryOp.DIV, this, Elementwise.scalarLike(this, s)); }
    public NdArray pow(double s) { return Elementwise.binary(BinaryOp.POW, this, Elementwise.scalarLike(this, s)); }

    public NdArray eq(NdArray o) { return Elementwise.binary(BinaryOp.EQ, this, o); }
    public NdArray ne(NdArray o) { return Elementwise.binary(BinaryOp.NE, this, o); }
    public NdArray lt(NdArray o) { return Elementwise.binary(BinaryOp.LT, this, o); }
    public NdArray le(NdArray o) { return Elementwise.binary(BinaryOp.LE, this, o); }
    public NdArray gt(NdArray o) { return Elementwise.binary(BinaryOp.GT, this, o); }
    public NdArray ge(NdArray o) { return Elementwise.binary(BinaryOp.GE, this, o); }
    public NdArray gt(double s) { return Elementwise.binary(BinaryOp.GT, this, Elementwise.scalarLike(this, s)); }
    public NdArray lt(double s) { return Elementwise.binary(BinaryOp.LT, this, Elementwise.scalarLike(this, s)); }
    public NdArray eq(double s) { return Elementwise.binary(BinaryOp.EQ, this, Elementwise.scalarLike(this, s)); }

    public NdArray neg() { return Elementwise.unary(UnaryOp.NEG, this); }
    public NdArray abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    public NdArray exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    public NdArray log() { return Elementwise.unary(UnaryOp.LOG, this); }
    public NdArray sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    public NdArray tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    public NdArray sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    public NdArray relu() { return Elementwise.unary(UnaryOp.RELU, this); }
    public NdArray square() { return Elementwise.unary(UnaryOp.SQUARE, this); }
    public NdArray apply(UnaryOp op) { return Elementwise.unary(op, this); }

    /** Sum of all elements (rank 0). */
    public NdArray sum() { return Reductions.sum(this, new int[0], false); }
    public NdArray sum(int axis, boolean keepdim) { return Reductions.sum(this, new int[] {axis}, keepdim); }
    public NdArray sum(int[] axes, boolean keepdim) { return Reductions.sum(this, axes, keepdim); }
    public NdArray mean() { return Reductions.mean(this, new int[0], false); }
    public NdArray mean(int axis, boolean keepdim) { return Reductions.mean(this, new int[] {axis}, keepdim); }
    public NdArray max() { return Reductions.reduce(ReduceOp.MAX, this, new int[0], false); }
    public NdArray max(int axis, boolean keepdim) { return Reductions.reduce(ReduceOp.MAX, this, new int[] {axis}, keepdim); }
    public NdArray min() { return Reductions.reduce(ReduceOp.MIN, this, new int[0], false); }
    public NdArray min(int axis, boolean keepdim) { return Reductions.reduce(ReduceOp.MIN, this, new int[] {axis}, keepdim); }
    public NdArray argmax(int axis, boolean keepdim) { return Reductions.argmax(this, axis, keepdim); }
    public NdArray argmin(int axis, boolean keepdim) { return Reductions.argmin(this, axis, keepdim); }

    /** Matrix product with PyTorch's rules for 1-D operands and batch broadcasting. */
    public NdArray matmul(NdArray o) { return MatMul.matmul(this, o); }

    // ------------------------------------------------------------------ equality and printing

    /** Same shape, dtype and elements (NaN equal to NaN). */
    public boolean contentEquals(NdArray o) {
        if (!Arrays.equals(shape, o.shape) || dtype() != o.dtype()) return false;
        if (!dtype().isFloating()) return Arrays.equals(toLongArray(), o.toLongArray()); // exact beyond 2^53
        double[] a = toDoubleArray(), b = o.toDoubleArray();
        for (int i = 0; i < a.length; i++) if (Double.compare(a[i], b[i]) != 0 && a[i] != b[i]) return false;
        return true;
    }

    /** NumPy-style text, summarised with {@code ...} when large. */
    @Override
    public String toString() { return Format.format(this); }
}
