package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Philox fills draw the CPU's stream for the same seed and counter: uniforms bit for bit;
 * normals bit for bit where the device has float64 (PortableMath's steps), else to 1e-5.
 */
class RandomParityTest {
    @Test
    void uniformAndNormalFillsEqualTheCpuStream() {
        OpenClBackend dev = backend();
        Backend cpu = Backends.cpu();
        qt().withExamples(100).forAll(longs().all(), longs().all()).checkAssert((seed, counter) -> {
            Random r = new Random(seed ^ counter);
            DType t = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            int n = r.nextInt(70);
            // counters near 2^64 wrap around on both sides
            long start = r.nextInt(4) == 0 ? -1L - r.nextInt(8) : counter;
            for (Backend.RandomKind kind : Backend.RandomKind.values()) {
                NdArray expected = NdArray.zeros(cpu, t, n), actual = NdArray.zeros(dev, t, n);
                cpu.random(kind, seed, start, expected);
                dev.random(kind, seed, start, actual);
                if (kind == Backend.RandomKind.UNIFORM || dev.info().fp64()) assertExact(kind + " " + t, expected, actual);
                else assertClose(kind + " " + t, expected, actual, 1e-5, 1e-5);
            }
        });
    }
}
