package dev.teak.nn;

import dev.teak.autograd.Tensor;

/** A module with one input and one output, the kind {@link Sequential} chains. */
public abstract class UnaryModule extends Module {
    /** The layer's computation. */
    public abstract Tensor forward(Tensor x);
}
