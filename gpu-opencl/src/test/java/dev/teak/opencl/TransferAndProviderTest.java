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
