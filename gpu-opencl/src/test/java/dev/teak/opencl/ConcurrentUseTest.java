package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.tensor.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several threads share one device: kernel arguments are set and enqueued under the
 * context's lock and the error word under the backend's, so concurrent ops neither mix their
 * arguments nor see each other's errors.
 */
class ConcurrentUseTest {
    @Test
    void threadsSharingADeviceGetTheirOwnResults() throws Exception {
        backend();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        float a = id * 1000 + i;
                        NdArray x = NdArray.full(a, dev.teak.tensor.DType.FLOAT32, 7, 5).to(DEV);
                        NdArray y = x.add(x).mul(0.5f).sum();                     // 35 a
                        assertEquals(35.0 * a, y.item(), 1e-3 * Math.abs(35.0 * a) + 1e-3, "thread " + id + " step " + i);
                        NdArray idx = NdArray.of(new long[] {i % 5}).reshape(1, 1).to(DEV);
                        NdArray out = NdArray.zeros(x.backend(), dev.teak.tensor.DType.FLOAT32, 1, 1);
                        x.backend().gather(x, 1, idx, out);                        // checked op: clears and reads the error word
                        assertEquals(a, out.item(), 0.0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
