package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import org.junit.jupiter.api.Test;

/**
 * Device memory is returned deterministically: a loop of 10^4 allocate / compute / drop steps
 * stays under the soft limit (the allocator lets the cleaners run when it is reached) and,
 * after a collection, the live byte count is back at (or below) its starting value.
 */
class DeviceMemoryTest {
    @Test
    void tenThousandStepsDoNotGrowDeviceMemory() throws InterruptedException {
        OpenClBackend dev = backend();
        long savedLimit = dev.softLimitBytes();
        NdArray w = NdArray.of(new float[16 * 16], 16, 16).to(DEV);
        settle(dev);
        long baseline = dev.liveBytes();
        long limit = 8L << 20; // 8 MiB: each step allocates about 6 KB, so the loop needs 60 MB without freeing
        dev.setSoftLimitBytes(baseline + limit);
        dev.resetPeakBytes();
        try {
            NdArray x = NdArray.zeros(dev, DType.FLOAT32, 16, 16);
            for (int step = 0; step < 10_000; step++) {
                NdArray y = x.matmul(w).add(1f).relu();      // three fresh 1 KB arrays per step, plus temporaries
                x = y.sub(y.mean(1, true));                  // and a few more; only x survives the step
            }
            dev.finish();
            assertTrue(dev.peakBytes() <= baseline + limit + (1 << 20),
                    "peak " + dev.peakBytes() + " bytes exceeded the soft limit " + (baseline + limit));
            x = null;
            settle(dev);
            // At most the baseline: garbage left by earlier tests may be collected meanwhile too.
            assertTrue(dev.liveBytes() <= baseline,
                    "device memory not returned after the loop: " + dev.liveBytes() + " live bytes, baseline " + baseline);
        } finally {
            dev.setSoftLimitBytes(savedLimit);
        }
    }

    @Test
    void explicitReleaseFreesAtOnceAndOnlyOnce() {
        OpenClBackend dev = backend();
        OpenClStorage s = (OpenClStorage) dev.allocate(DType.FLOAT64, 1000);
        long before = dev.liveBytes();
        s.release();
        assertEquals(before - 8000, dev.liveBytes());
        s.release();
        assertEquals(before - 8000, dev.liveBytes(), "a second release must not count twice");
    }

    /**
     * zeros are zero; empty buffers are poisoned in the tests (NaN, -1), so the parity tests,
     * whose outputs come from empty, fail for any op that leaves part of its output unwritten.
     */
    @Test
    void zerosAreZeroAndEmptyIsPoisonedUnderTest() {
        OpenClBackend dev = backend();
        assertTrue(Boolean.getBoolean("teak.opencl.poison"), "the gpu-opencl tests run with -Dteak.opencl.poison=true");
        for (float v : NdArray.zeros(dev, DType.FLOAT32, 37).toFloatArray()) assertEquals(0f, v);
        for (float v : NdArray.empty(dev, DType.FLOAT32, 37).toFloatArray()) assertTrue(Float.isNaN(v), "poisoned float " + v);
        for (int v : (int[]) dev.toHost(dev.empty(DType.INT32, 5))) assertEquals(-1, v);
    }

    /** Collects until the live count stops moving (the cleaner thread runs asynchronously). */
    static void settle(OpenClBackend dev) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50 && dev.liveBytes() != last; i++) {
            last = dev.liveBytes();
            System.gc();
            Thread.sleep(20);
        }
    }
}
