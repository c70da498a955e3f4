package dev.teak.nn;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.random.Generator;

/** Test inputs: seeded float64 tensors. */
public final class Tensors {
    private Tensors() {}

    /** Uniform in [-1, 1), float64, requiring grad. */
    public static Tensor leaf(long seed, int... shape) {
        return new Tensor(new Generator(seed).uniform(DType.FLOAT64, -1, 1, shape), true);
    }

    /** Uniform in [-1, 1), float64, no grad. */
    public static Tensor constant(long seed, int... shape) {
        return new Tensor(new Generator(seed).uniform(DType.FLOAT64, -1, 1, shape));
    }

    public static Tensor of(double... v) { return Tensor.of(v, v.length); }
}
