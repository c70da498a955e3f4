package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backends;
import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.Elementwise;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Reductions;
import dev.teak.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The same device opened as if it lacked {@code cl_khr_fp64}: float64 is refused with a
 * message naming the device, and the float-only code paths (float accumulators, float
 * Box-Muller, float atan2 for integers) still agree with the CPU.
 */
class WithoutFloat64Test {
    private static OpenClBackend shared;

    /** One extra context for the class (each would otherwise build its programs again). */
    static synchronized OpenClBackend withoutFp64() {
        if (shared == null) shared = open();
        return shared;
    }

    private static OpenClBackend open() {
        DeviceInfo i = backend().info();
        DeviceInfo no = new DeviceInfo(i.platform(), i.device(), i.platformName(), i.platformVersion(), i.name(), i.type(),
                i.driverVersion(), i.globalMemBytes(), i.maxAllocBytes(), i.computeUnits(), i.maxWorkGroupSize(),
                i.localMemBytes(), false, i.int64Atomics(), i.correctlyRoundedDivideSqrt());
        return new OpenClBackend(7, no);
    }

    @Test
    void float64IsRefusedWithAClearMessage() {
        OpenClBackend dev = withoutFp64();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> dev.allocate(DType.FLOAT64, 4));
        assertTrue(e.getMessage().contains("opencl:7") && e.getMessage().contains("cl_khr_fp64")
                && e.getMessage().contains(dev.info().name()), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> dev.fromHost(new double[] {1}, DType.FLOAT64));
    }

    @Test
    void float32PathsStillMatchTheCpu() {
        OpenClBackend dev = withoutFp64();
        Backend cpu = Backends.cpu();
        float[] v = {0.5f, -1.25f, 3f, 1e-3f, 7f, -2f, 0.1f, 4.5f, -0.75f};
        NdArray x = NdArray.of(v, 3, 3);
        NdArray d = on(dev, x);
        // cumsum accumulates in float here, in the CPU's order: close, if not exact
        assertClose("cumsum", Reductions.cumsum(x, 1), Reductions.cumsum(d, 1), 1e-6, 1e-6);
        assertClose("sum", x.sum(0, false), d.sum(0, false), 1e-6, 1e-6);
        assertExact("exp", x.exp().gt(1.0), d.exp().gt(1.0));
        NdArray ec = NdArray.zeros(cpu, DType.FLOAT32, 37), ed = NdArray.zeros(dev, DType.FLOAT32, 37);
        cpu.random(Backend.RandomKind.UNIFORM, 11, 5, ec);
        dev.random(Backend.RandomKind.UNIFORM, 11, 5, ed);
        assertExact("uniforms need no float64", ec, ed);
        cpu.random(Backend.RandomKind.NORMAL, 11, 5, ec);
        dev.random(Backend.RandomKind.NORMAL, 11, 5, ed);
        assertClose("normals from float math", ec, ed, 1e-5, 1e-5);
        // integer kernels compile without float64 too, and still report division by zero
        NdArray a = NdArray.of(new int[] {7, -7, 9, 0}), b = NdArray.of(new int[] {2, 2, -4, 3});
        assertExact("abs, sub", a.apply(UnaryOp.ABS).sub(b), on(dev, a).apply(UnaryOp.ABS).sub(on(dev, b)));
        assertExact("python remainder", Elementwise.binary(BinaryOp.REM, a, b), Elementwise.binary(BinaryOp.REM, on(dev, a), on(dev, b)));
        NdArray zero = on(dev, NdArray.of(new int[] {1, 0, 1, 1}));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Elementwise.binary(BinaryOp.REM, on(dev, a), zero));
        assertEquals("integer remainder by zero", e.getMessage());
    }

    /** A copy of a CPU array on a backend that Backends does not know (so NdArray.to cannot reach it). */
    static NdArray on(OpenClBackend dev, NdArray cpu) {
        NdArray c = cpu.contiguous();
        return new NdArray(dev.fromHost(cpu.backend().toHost(c.storage()), c.dtype()), c.shape(), c.strides(), c.offset());
    }
}
