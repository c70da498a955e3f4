package dev.teak.nn.layers;

/** Batch normalisation of {@code [N, C, H, W]} inputs per channel C. */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int features, double eps, double momentum) { super(features, eps, momentum); }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int features) { this(features, 1e-5, 0.1); }

    @Override
    protected boolean acceptsRank(int rank) { return rank == 4; }
}
