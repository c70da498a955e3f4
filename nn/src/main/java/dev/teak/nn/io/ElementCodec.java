package dev.teak.nn.io;

import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.cpu.CpuStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts between raw element bytes and {@link NdArray}s in bounded chunks, so reading or
 * writing an array needs the array itself plus one small buffer, never a second full copy.
 * Bits are preserved exactly (NaN payloads and signed zeros included) for the native types.
 */
final class ElementCodec {
    private ElementCodec() {}

    /** Bytes converted per step: large enough to amortise the stream calls, small enough to ignore. */
    private static final int CHUNK_BYTES = 1 << 16;

    /**
     * Reads a contiguous row-major array of {@code shape} stored as {@code type} in
     * {@code order}. The caller has checked that {@code numel * type.size} bytes remain.
     */
    static NdArray read(ByteReader in, WireType type, ByteOrder order, int[] shape) throws IOException {
        int n = Shape.numel(shape);
        in.require((long) n * type.size, "an array of " + n + " " + type.safetensorsName + " elements");
        int perChunk = Math.max(1, CHUNK_BYTES / type.size);
        byte[] buf = new byte[Math.min(n, perChunk) * type.size];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        Object dst = CpuStorage.allocate(type.target, n).array();
        for (int i = 0; i < n; i += perChunk) {
            int m = Math.min(perChunk, n - i);
            in.readFully(buf, 0, m * type.size, "array data");
            bb.clear();
            decode(type, bb, dst, i, m);
        }
        CpuStorage storage = wrap(dst);
        return new NdArray(storage, shape, Shape.contiguousStrides(shape), 0);
    }

    private static CpuStorage wrap(Object a) {
        if (a instanceof float[]) return CpuStorage.wrap((float[]) a);
        if (a instanceof double[]) return CpuStorage.wrap((double[]) a);
        if (a instanceof int[]) return CpuStorage.wrap((int[]) a);
        if (a instanceof long[]) return CpuStorage.wrap((long[]) a);
        return CpuStorage.wrapBool((byte[]) a);
    }

    private static void decode(WireType type, ByteBuffer bb, Object dst, int at, int m) {
        switch (type) {
            case F32: bb.asFloatBuffer().get((float[]) dst, at, m); break;
            case F64: bb.asDoubleBuffer().get((double[]) dst, at, m); break;
            case I32: bb.asIntBuffer().get((int[]) dst, at, m); break;
            case I64: bb.asLongBuffer().get((long[]) dst, at, m); break;
            case BOOL: {
                // Any non-zero byte is true; stored as 1 so later kernels can rely on 0/1.
                byte[] d = (byte[]) dst;
                for (int j = 0; j < m; j++) d[at + j] = (byte) (bb.get(j) != 0 ? 1 : 0);
                break;
            }
            case U8: { int[] d = (int[]) dst; for (int j = 0; j < m; j++) d[at + j] = bb.get(j) & 0xff; break; }
            case I8: { int[] d = (int[]) dst; for (int j = 0; j < m; j++) d[at + j] = bb.get(j); break; }
            case I16: { int[] d = (int[]) dst; for (int j = 0; j < m; j++) d[at + j] = bb.getShort(2 * j); break; }
            case U16: { int[] d = (int[]) dst; for (int j = 0; j < m; j++) d[at + j] = bb.getShort(2 * j) & 0xffff; break; }
            case U32: { long[] d = (long[]) dst; for (int j = 0; j < m; j++) d[at + j] = bb.getInt(4 * j) & 0xffffffffL; break; }
            case F16: { float[] d = (float[]) dst; for (int j = 0; j < m; j++) d[at + j] = halfToFloat(bb.getShort(2 * j)); break; }
            case BF16: {
                // bfloat16 is the upper half of a float32: shifting it back is exact.
                float[] d = (float[]) dst;
                for (int j = 0; j < m; j++) d[at + j] = Float.intBitsToFloat((bb.getShort(2 * j) & 0xffff) << 16);
                break;
            }
            default: throw new AssertionError(type);
        }
    }

    /**
     * IEEE 754 binary16 to binary32, exactly: 1 sign, 5 exponent (bias 15), 10 mantissa bits.
     * Normal: {@code (-1)^s 2^(e-15) (1 + m/1024)}, re-biased to 127 (+112) with the mantissa
     * shifted left 13; subnormal: {@code (-1)^s m 2^-24}; exponent 31 is infinity or NaN.
     */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Writes the elements of {@code a} in row-major order as its native wire type in {@code order}. */
    static void write(NdArray a, ByteOrder order, OutputStream out) throws IOException {
        NdArray c = a.device().isCpu() ? a.contiguous() : a.to(Device.CPU);
        CpuStorage s = (CpuStorage) c.storage();
        WireType type = WireType.of(c.dtype());
        int n = c.numel(), base = c.offset();
        int perChunk = Math.max(1, CHUNK_BYTES / type.size);
        byte[] buf = new byte[Math.min(n, perChunk) * type.size];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        for (int i = 0; i < n; i += perChunk) {
            int m = Math.min(perChunk, n - i);
            bb.clear();
            switch (type) {
                case F32: bb.asFloatBuffer().put(s.f32, base + i, m); break;
                case F64: bb.asDoubleBuffer().put(s.f64, base + i, m); break;
                case I32: bb.asIntBuffer().put(s.i32, base + i, m); break;
                case I64: bb.asLongBuffer().put(s.i64, base + i, m); break;
                default: System.arraycopy(s.bool, base + i, buf, 0, m);
            }
            out.write(buf, 0, m * type.size);
        }
    }
}
