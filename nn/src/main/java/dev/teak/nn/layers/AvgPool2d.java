package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;

/** Average pooling over {@code [N, C, H, W]} with a square window; zero padding counts in the average. */
public final class AvgPool2d extends UnaryModule {
    private final int kernel, stride, padding;

    public AvgPool2d(int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("AvgPool2d: kernel " + kernel + ", stride " + stride + ", padding " + padding + " must be positive (padding >= 0)");
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Stride equal to the kernel, no padding (PyTorch's default). */
    public AvgPool2d(int kernel) { this(kernel, kernel, 0); }

    @Override
    public Tensor forward(Tensor x) { return F.avgPool2d(x, kernel, stride, padding); }
}
