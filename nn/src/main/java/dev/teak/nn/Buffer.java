package dev.teak.nn;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Non-trainable state of a {@link Module} that belongs in its state dict (PyTorch's
 * registered buffers), such as BatchNorm's running mean and variance.
 */
public final class Buffer {
    private NdArray value;

    public Buffer(NdArray value) { this.value = value; }

    public NdArray get() { return value; }

    /** Replaces the value; the shape must not change. */
    public void set(NdArray v) {
        if (!java.util.Arrays.equals(v.shape(), value.shape())) {
            throw new IllegalArgumentException("Buffer.set: shape " + Shape.str(v.shape()) + " does not match " + Shape.str(value.shape()));
        }
        value = v;
    }

    @Override
    public String toString() { return "Buffer" + Shape.str(value.shape()); }
}
