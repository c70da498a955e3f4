package dev.teak.nn.spiking;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * Turns intensities into spike trains {@code [T, ...]} and spike trains back into read-outs.
 * Intensities are clipped to {@code [0, 1]} (a probability or a firing rate per step).
 */
public final class SpikeEncoding {
    private SpikeEncoding() {}

    /**
     * Deterministic rate code: a phase accumulator {@code a_t = a_{t-1} + x} that fires and
     * subtracts 1 when it reaches 1, so {@code x} in [0, 1] fires {@code floor(T x)} times in
     * {@code T} steps (exactly for dyadic {@code x}; otherwise up to the rounding of the running
     * sum), evenly spread.
     */
    public static NdArray rate(NdArray x, int steps) {
        double[] v = x.toDoubleArray();
        int n = v.length;
        double[] out = new double[steps * n];
        double[] acc = new double[n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                acc[i] += Math.min(1, Math.max(0, v[i]));
                if (acc[i] >= 1) {
                    out[t * n + i] = 1;
                    acc[i] -= 1;
                }
            }
        }
        return NdArray.of(out, shapeWithTime(steps, x.shape())).to(floating(x));
    }

    /** Bernoulli (Poisson-like) code: each step fires independently with probability {@code clip(x, 0, 1)}. */
    public static NdArray bernoulli(NdArray x, int steps, Generator gen) {
        DType dt = floating(x);
        NdArray p = x.to(dt).maximum(NdArray.scalar(0, dt)).minimum(NdArray.scalar(1, dt));
        NdArray u = gen.rand(dt, shapeWithTime(steps, x.shape()));
        return u.lt(p.unsqueeze(0).expand(u.shape())).to(dt);
    }

    /** Spike counts over the time axis: {@code [T, ...] -> [...]} (differentiable, a logit read-out). */
    public static Tensor spikeCount(Tensor spikes) { return spikes.sum(0, false); }

    /** Mean firing rate over the time axis. */
    public static Tensor firingRate(Tensor spikes) { return spikes.mean(0, false); }

    private static int[] shapeWithTime(int steps, int[] shape) {
        if (steps <= 0) throw new IllegalArgumentException("spike encoding: steps must be positive, got " + steps);
        int[] s = new int[shape.length + 1];
        s[0] = steps;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static DType floating(NdArray x) { return x.dtype().isFloating() ? x.dtype() : DType.FLOAT32; }
}
