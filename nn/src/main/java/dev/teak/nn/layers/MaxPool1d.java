package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** Max pooling over {@code [N, C, L]}; the gradient goes to the first maximum of each window. */
public final class MaxPool1d extends UnaryModule {
    private final int kernel, stride, padding;

    public MaxPool1d(int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("MaxPool1d: kernel " + kernel + ", stride " + stride + ", padding " + padding + " must be positive (padding >= 0)");
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Stride equal to the kernel, no padding (PyTorch's default). */
    public MaxPool1d(int kernel) { this(kernel, kernel, 0); }

    @Override
    public Tensor forward(Tensor x) { return F.maxPool1d(x, kernel, stride, padding); }
}
