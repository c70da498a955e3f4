package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Host round trips of every dtype, the ServiceLoader registration and what {@code teak info} prints. */
class TransferAndProviderTest {
    @Test
    void everyDtypeRoundTripsThroughTheDevice() {
        backend();
        Random r = new Random(7);
        for (DType t : DType.values()) {
            NdArray host = values(r, t, 37, true).reshape(37);
            NdArray back = host.to(DEV).to(Device.CPU);
            assertEquals(t, back.dtype());
            assertExact("round trip " + t, host, back.to(DEV));
            // a strided view moves as its elements, not its storage
            NdArray view = host.slice(0, 3, 30, 4);
            assertExact("view round trip " + t, view.contiguous(), view.to(DEV));
        }
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        assertArrayEquals(extremes, NdArray.of(extremes).to(DEV).to(Device.CPU).toLongArray());
        NdArray empty = NdArray.zeros(DType.FLOAT32, 0, 3).to(DEV);
        assertArrayEquals(new int[] {0, 3}, empty.shape());
        assertEquals(0, empty.to(Device.CPU).numel());
    }

    @Test
    void theProviderIsFoundThroughServiceLoaderAndDescribesItsDevices() {
        OpenClBackend dev = backend();
        assertSame(dev, Backends.get(Device.opencl(0)));
        assertEquals("opencl", dev.name());
        String line = Backends.describe().stream().filter(l -> l.startsWith("opencl: ")).findFirst().orElseThrow();
        DeviceInfo info = dev.info();
        assertTrue(line.contains(info.name()) && line.contains(info.platformName()), line);
        assertTrue(line.contains("float64 " + (info.fp64() ? "yes" : "no")) && line.contains("GiB"), line);
        int count = Backends.providers().get("opencl").backends().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.get(Device.opencl(count)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    /**
     * In a JVM whose ICD loader sees no vendor file (ocl-icd reads {@code OCL_ICD_VENDORS}),
     * the provider offers no device and {@code teak info} says why, instead of failing.
     */
    @Test
    void withoutAPlatformTheProviderSaysWhyAndTheCpuStillWorks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) throws Exception {
        backend();
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.teak.tensor.Info", "info");
        pb.environment().put("OCL_ICD_VENDORS", empty.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.trim().startsWith("opencl: ")).findFirst().orElseThrow(() -> new AssertionError(out));
        org.junit.jupiter.api.Assumptions.assumeFalse(line.contains("device"), "this ICD loader ignores OCL_ICD_VENDORS: " + line);
        assertTrue(line.contains("unavailable: no OpenCL platform found"), line);
        assertTrue(out.contains("cpu: kernels"), out);
    }

    @Test
    void hostAccessorsWorkOnDeviceArrays() {
        backend();
        NdArray d = NdArray.of(new float[] {1, 2, 3, 4}, 2, 2).to(DEV);
        assertEquals(3.0, d.getDouble(1, 0));
        assertEquals(10.0, d.sum().item());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.set(5, 0, 0));
        assertTrue(e.getMessage().contains("opencl:0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend().fromHost(new int[] {1}, DType.FLOAT32));
    }
}
