package dev.teak.opencl;

import dev.teak.tensor.Backend;
import dev.teak.tensor.NdArray;

/**
 * Philox 4x32-10 fills (kernel in {@code random.cl}), one work-item per block of four
 * elements: the words and the uniforms equal the CPU backend's bit for bit, and so do the
 * normals on devices with {@code cl_khr_fp64}, which run {@code PortableMath}'s steps in
 * double without fused multiply-adds. Without float64 the normals come from the device's
 * float {@code log}/{@code cos}/{@code sin} and agree only to its accuracy.
 */
final class ClRandom {
    private ClRandom() {}

    static void fill(OpenClBackend be, Backend.RandomKind kind, long seed, long counter, NdArray out) {
        Backend.checkRandomOutput(out);
        int n = out.numel();
        if (n == 0) return;
        long blocks = (n + 3L) / 4;
        be.launch(be.sources.random(out.dtype()), "random_fill", new long[] {blocks}, null,
                kind == Backend.RandomKind.NORMAL ? 1 : 0, seed, counter, n, OpenClBackend.st(out), out.offset());
    }
}
