package dev.teak.nn.io;

import dev.teak.tensor.DType;

/**
 * An element type as stored in a file, with the Teak dtype it is read into. The five native
 * dtypes are written and read as they are; narrower integers and half floats are only read,
 * widened losslessly (uint8/int8/int16/uint16 to int32, uint32 to int64, float16 and
 * bfloat16 to float32), because checkpoints from PyTorch and NumPy often contain them.
 */
enum WireType {
    BOOL(1, DType.BOOL, "BOOL", 'b'),
    U8(1, DType.INT32, "U8", 'u'),
    I8(1, DType.INT32, "I8", 'i'),
    I16(2, DType.INT32, "I16", 'i'),
    U16(2, DType.INT32, "U16", 'u'),
    I32(4, DType.INT32, "I32", 'i'),
    U32(4, DType.INT64, "U32", 'u'),
    I64(8, DType.INT64, "I64", 'i'),
    F16(2, DType.FLOAT32, "F16", 'f'),
    BF16(2, DType.FLOAT32, "BF16", '\0'),
    F32(4, DType.FLOAT32, "F32", 'f'),
    F64(8, DType.FLOAT64, "F64", 'f');

    final int size;
    final DType target;
    final String safetensorsName;
    /** NumPy's kind character ({@code f}, {@code i}, {@code u}, {@code b}); 0 when NumPy has no such type. */
    final char npyKind;

    WireType(int size, DType target, String safetensorsName, char npyKind) {
        this.size = size;
        this.target = target;
        this.safetensorsName = safetensorsName;
        this.npyKind = npyKind;
    }

    /** The type a Teak dtype is written as. */
    static WireType of(DType dtype) {
        switch (dtype) {
            case BOOL: return BOOL;
            case INT32: return I32;
            case INT64: return I64;
            case FLOAT32: return F32;
            case FLOAT64: return F64;
            default: throw new AssertionError(dtype);
        }
    }

    /** The type with this safetensors name, or null. */
    static WireType fromSafetensors(String name) {
        for (WireType t : values()) if (t.safetensorsName.equals(name)) return t;
        return null;
    }

    /** The type with this NumPy kind and item size ({@code 'f', 4} is float32), or null. */
    static WireType fromNpy(char kind, int size) {
        for (WireType t : values()) if (t.npyKind == kind && t.size == size) return t;
        return null;
    }

    /** Comma-separated safetensors names, for error messages. */
    static String safetensorsNames() {
        StringBuilder sb = new StringBuilder();
        for (WireType t : values()) sb.append(sb.length() == 0 ? "" : ", ").append(t.safetensorsName);
        return sb.toString();
    }
}
