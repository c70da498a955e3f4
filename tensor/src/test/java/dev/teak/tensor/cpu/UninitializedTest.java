package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import org.junit.jupiter.api.Test;

/** Outputs without the zero fill: in use under the test runner, and poisoned there so unwritten elements show. */
class UninitializedTest {
    @Test
    void theTestRunnerExportsTheAllocatorAndPoisons() {
        assertTrue(Uninitialized.active(), "the test JVM runs with --add-exports java.base/jdk.internal.misc=ALL-UNNAMED");
        assertTrue(Uninitialized.poisoned(), "the test JVM runs with -Dteak.cpu.poison=true");
    }

    @Test
    void arraysHaveTheRequestedLengthAndArePoisoned() {
        for (int n : new int[] {0, 1, 37, 70_000}) {
            float[] f = Uninitialized.floats(n);
            double[] d = Uninitialized.doubles(n);
            assertEquals(n, f.length);
            assertEquals(n, d.length);
            for (float v : f) assertTrue(Float.isNaN(v));
            for (double v : d) assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void emptyIsPoisonedOnlyForFloatingTypes() {
        for (float v : NdArray.empty(Backends.cpu(), DType.FLOAT32, 3, 4).toFloatArray()) assertTrue(Float.isNaN(v));
        for (long v : NdArray.empty(Backends.cpu(), DType.INT64, 5).toLongArray()) assertEquals(0L, v);
        for (float v : NdArray.zeros(DType.FLOAT32, 6).toFloatArray()) assertEquals(0f, v);
    }
}
