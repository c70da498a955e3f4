package dev.teak.nn;

import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * A trainable tensor owned by a {@link Module} (PyTorch's {@code nn.Parameter}). It holds a leaf
 * {@link Tensor} that requires grad; the holder lets {@link Module#to} move or cast the tensor
 * and lets a functional (differentiable) optimizer swap in a non-leaf tensor that carries the
 * graph of an unrolled update.
 */
public final class Parameter {
    private Tensor value;

    /** Wraps {@code data} as a leaf that requires grad. */
    public Parameter(NdArray data) { this.value = new Tensor(data, true); }

    /** The current tensor; layers read it on every forward. */
    public Tensor get() { return value; }

    /** The values. */
    public NdArray data() { return value.data(); }

    /** The accumulated gradient, or null. */
    public Tensor grad() { return value.grad(); }

    public int[] shape() { return value.shape(); }

    public int numel() { return value.numel(); }

    /**
     * Replaces the tensor (same shape). Pass a leaf to reset the parameter, or a tensor with a
     * graph (e.g. {@code w - lr * g} under createGraph) to differentiate through the update.
     */
    public void set(Tensor t) {
        if (!java.util.Arrays.equals(t.shape(), value.shape())) {
            throw new IllegalArgumentException("Parameter.set: shape " + Shape.str(t.shape()) + " does not match "
                    + Shape.str(value.shape()));
        }
        value = t;
    }

    /** Overwrites the values in place (no graph), e.g. from an initialiser or a checkpoint. */
    public void copyFrom(NdArray src) {
        if (!java.util.Arrays.equals(src.shape(), value.shape())) {
            throw new IllegalArgumentException("Parameter.copyFrom: shape " + Shape.str(src.shape()) + " does not match "
                    + Shape.str(value.shape()));
        }
        try (GradMode.Guard g = GradMode.noGrad()) {
            value.copyFrom(new Tensor(src));
        }
    }

    /** Clears the gradient. */
    public void zeroGrad() { value.zeroGrad(); }

    @Override
    public String toString() { return "Parameter" + Shape.str(shape()) + " " + value.dtype().pyName(); }
}
