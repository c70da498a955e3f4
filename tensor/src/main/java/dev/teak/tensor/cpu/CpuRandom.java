package dev.teak.tensor.cpu;

import dev.teak.tensor.Backend;
import dev.teak.tensor.NdArray;

/** Philox draws into a contiguous float array. */
final class CpuRandom {
    private CpuRandom() {}

    static void fill(Backend.RandomKind kind, long seed, long counter, NdArray out) {
        throw new UnsupportedOperationException("pending: Philox random fill");
    }
}
