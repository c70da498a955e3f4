package dev.teak.tensor.cpu;

import dev.teak.tensor.Backend;
import dev.teak.tensor.DType;
import dev.teak.tensor.Storage;

/**
 * Heap storage: exactly one of the typed arrays is non-null, matching the dtype
 * (bool is a {@code byte[]} of 0 and 1). Kernels read the field directly, without casts.
 */
public final class CpuStorage implements Storage {
    public final DType dtype;
    public final float[] f32;
    public final double[] f64;
    public final int[] i32;
    public final long[] i64;
    public final byte[] bool;
    private final int size;

    private CpuStorage(DType dtype, float[] f, double[] d, int[] i, long[] l, byte[] b, int size) {
        this.dtype = dtype; this.f32 = f; this.f64 = d; this.i32 = i; this.i64 = l; this.bool = b; this.size = size;
    }

    public static CpuStorage allocate(DType dtype, int n) {
        switch (dtype) {
            case FLOAT32: return wrap(new float[n]);
            case FLOAT64: return wrap(new double[n]);
            case INT32: return wrap(new int[n]);
            case INT64: return wrap(new long[n]);
            case BOOL: return wrapBool(new byte[n]);
            default: throw new AssertionError(dtype);
        }
    }

    public static CpuStorage wrap(float[] a) { return new CpuStorage(DType.FLOAT32, a, null, null, null, null, a.length); }
    public static CpuStorage wrap(double[] a) { return new CpuStorage(DType.FLOAT64, null, a, null, null, null, a.length); }
    public static CpuStorage wrap(int[] a) { return new CpuStorage(DType.INT32, null, null, a, null, null, a.length); }
    public static CpuStorage wrap(long[] a) { return new CpuStorage(DType.INT64, null, null, null, a, null, a.length); }
    public static CpuStorage wrapBool(byte[] a) { return new CpuStorage(DType.BOOL, null, null, null, null, a, a.length); }

    /** The backing array as an Object (for bulk copies). */
    public Object array() {
        switch (dtype) {
            case FLOAT32: return f32;
            case FLOAT64: return f64;
            case INT32: return i32;
            case INT64: return i64;
            default: return bool;
        }
    }

    /** Element {@code i} as a double (integers above 2^53 lose precision; use {@link #getLong}). */
    public double getDouble(int i) {
        switch (dtype) {
            case FLOAT32: return f32[i];
            case FLOAT64: return f64[i];
            case INT32: return i32[i];
            case INT64: return i64[i];
            default: return bool[i];
        }
    }

    public long getLong(int i) {
        switch (dtype) {
            case FLOAT32: return (long) f32[i];
            case FLOAT64: return (long) f64[i];
            case INT32: return i32[i];
            case INT64: return i64[i];
            default: return bool[i];
        }
    }

    /** Stores {@code v} converted to this dtype (bool: non-zero is 1). */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case FLOAT32: f32[i] = (float) v; break;
            case FLOAT64: f64[i] = v; break;
            case INT32: i32[i] = (int) v; break;
            case INT64: i64[i] = (long) v; break;
            default: bool[i] = (byte) (v != 0 ? 1 : 0);
        }
    }

    public void setLong(int i, long v) {
        switch (dtype) {
            case FLOAT32: f32[i] = v; break;
            case FLOAT64: f64[i] = v; break;
            case INT32: i32[i] = (int) v; break;
            case INT64: i64[i] = v; break;
            default: bool[i] = (byte) (v != 0 ? 1 : 0);
        }
    }

    @Override public DType dtype() { return dtype; }
    @Override public int size() { return size; }
    @Override public Backend backend() { return CpuBackend.INSTANCE; }
}
