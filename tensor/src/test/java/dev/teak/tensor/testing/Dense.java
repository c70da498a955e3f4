package dev.teak.tensor.testing;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.CpuStorage;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A naive reference array: a shape and its elements in row-major order as doubles. It is
 * read from an {@link NdArray} element by element with the index formula
 * {@code storage[offset + sum_d idx[d] * stride[d]]}, never through the library's copy
 * kernels, so it is an independent witness of what a layout holds.
 *
 * <p>Tests keep integer values small (|v| &lt; 2^31), so doubles hold them exactly.
 */
public final class Dense {
    public final int[] shape;
    public final double[] data;

    public Dense(int[] shape, double[] data) {
        if (Shapes.numel(shape) != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** Every element of {@code a}, read by the stride formula. */
    public static Dense read(NdArray a) {
        CpuStorage s = (CpuStorage) a.storage();
        int[] shape = a.shape(), strides = a.strides();
        double[] out = new double[(int) Shapes.numel(shape)];
        int[] idx = new int[shape.length];
        for (int f = 0; f < out.length; f++) {
            long off = a.offset();
            for (int d = 0; d < shape.length; d++) off += (long) idx[d] * strides[d];
            out[f] = s.getDouble((int) off);
            next(idx, shape);
        }
        return new Dense(shape, out);
    }

    /** Zeros of a shape. */
    public static Dense zeros(int... shape) { return new Dense(shape, new double[(int) Shapes.numel(shape)]); }

    public int rank() { return shape.length; }

    public int numel() { return data.length; }

    /** Row-major flat position of a multi-index (the test's own formula). */
    public static int flat(int[] idx, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) f = f * shape[d] + idx[d];
        return f;
    }

    /** Multi-index of a row-major flat position. */
    public static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** Advances a row-major multi-index; false once it wraps around. */
    public static boolean next(int[] idx, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return true;
            idx[d] = 0;
        }
        return false;
    }

    public double at(int... idx) { return data[flat(idx, shape)]; }

    public void set(double v, int... idx) { data[flat(idx, shape)] = v; }

    /** The element that broadcasting gives at {@code idx} of a larger shape (right-aligned, size 1 repeats). */
    public double atBroadcast(int[] idx) {
        int shift = idx.length - shape.length, f = 0;
        for (int d = 0; d < shape.length; d++) f = f * shape[d] + (shape[d] == 1 ? 0 : idx[d + shift]);
        return data[f];
    }

    public Dense map(DoubleUnaryOperator fn) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = fn.applyAsDouble(data[i]);
        return new Dense(shape, out);
    }

    /** Rounds every element as storing it in {@code dtype} would (float32 rounding, integer truncation, bool 0/1). */
    public Dense as(DType dtype) { return map(v -> convert(v, dtype)); }

    /** One value converted as PyTorch's {@code .to(dtype)} does: truncation toward zero for integers, non-zero is true. */
    public static double convert(double v, DType dtype) {
        switch (dtype) {
            case FLOAT32: return (float) v;
            case FLOAT64: return v;
            case INT32: return (int) v;
            case INT64: return (long) v;
            default: return v != 0 ? 1 : 0; // NaN is non-zero, hence true
        }
    }

    /** Whether every slice along {@code axis} holds the same values (so stride 0 can represent it). */
    public boolean constantAlong(int axis) {
        int[] idx = new int[shape.length];
        for (int f = 0; f < data.length; f++) {
            int[] first = idx.clone();
            first[axis] = 0;
            if (Double.compare(data[f], at(first)) != 0) return false;
            next(idx, shape);
        }
        return true;
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + " " + (data.length <= 64 ? Arrays.toString(data) : data.length + " values");
    }
}
