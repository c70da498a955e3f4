package dev.teak.tensor;

/**
 * The element types an {@link NdArray} can hold, with PyTorch's promotion order
 * (bool &lt; int32 &lt; int64 &lt; float32 &lt; float64).
 */
public enum DType {
    BOOL(1), INT32(4), INT64(8), FLOAT32(4), FLOAT64(8);

    private final int byteSize;

    DType(int byteSize) { this.byteSize = byteSize; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    public boolean isFloating() { return this == FLOAT32 || this == FLOAT64; }

    public boolean isIntegral() { return this == INT32 || this == INT64; }

    /** The type both operands of a binary op are converted to, as in {@code torch.result_type}. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** The name PyTorch and NumPy print ({@code float32}, {@code int64}, ...). */
    public String pyName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
