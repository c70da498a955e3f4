package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.teak.tensor.cpu.CpuStorage;
import org.junit.jupiter.api.Test;

/**
 * Layouts with negative strides, which the public {@link NdArray} constructor accepts (a
 * reversed view), go through every loop as a reversed read.
 */
class NegativeStridesTest {
    /** 0, 1, ..., n-1 seen backwards: element i is n-1-i. */
    static NdArray reversed(int n) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) data[i] = i;
        return new NdArray(CpuStorage.wrap(data), new int[] {n}, new int[] {-1}, n - 1);
    }

    @Test
    void elementwiseOpsReadReversedRuns() {
        for (int n : new int[] {1, 7, 16, 33, 100}) {
            NdArray r = reversed(n), ones = NdArray.ones(n);
            float[] want = new float[n], plusOne = new float[n], neg = new float[n];
            for (int i = 0; i < n; i++) { want[i] = n - 1 - i; plusOne[i] = n - i; neg[i] = -(float) (n - 1 - i); }
            assertArrayEquals(want, r.toFloatArray(), "copy of " + n);
            assertArrayEquals(plusOne, r.add(ones).toFloatArray(), "reversed + contiguous, n = " + n);
            assertArrayEquals(plusOne, ones.add(r).toFloatArray(), "contiguous + reversed, n = " + n);
            assertArrayEquals(neg, r.neg().toFloatArray(), "neg, n = " + n);
            assertArrayEquals(new float[] {(float) (n * (n - 1) / 2.0)}, new float[] {r.sum().toFloatArray()[0]}, "sum, n = " + n);
        }
    }
}
