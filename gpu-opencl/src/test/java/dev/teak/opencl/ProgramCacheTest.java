package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs are built once, stored on disk and loaded from there by a later context; build errors carry the log. */
class ProgramCacheTest {
    static final String SOURCE = "__kernel void twice(__global float* x) { int i = get_global_id(0); x[i] = 2 * x[i]; }\n";

    @Test
    void aSecondCacheLoadsTheBinaryFromDisk(@TempDir Path dir) throws Exception {
        OpenClBackend dev = backend();
        OpenClContext ctx = dev.context();
        ProgramCache first = new ProgramCache(ctx.context, ctx.info, "", dir);
        first.kernel(SOURCE, "twice");
        first.kernel(SOURCE, "twice");
        assertArrayEquals(new int[] {1, 0}, first.counts(), "built once from source");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".bin")).count());
        }
        ProgramCache second = new ProgramCache(ctx.context, ctx.info, "", dir);
        org.jocl.cl_kernel k = second.kernel(SOURCE, "twice");
        assertArrayEquals(new int[] {0, 1}, second.counts(), "loaded from the disk cache");
        // and the loaded program computes
        OpenClStorage s = (OpenClStorage) dev.fromHost(new float[] {1, 2, 3, 4}, DType.FLOAT32);
        cl_mem m = s.mem();
        org.jocl.CL.clSetKernelArg(k, 0, org.jocl.Sizeof.cl_mem, Pointer.to(m));
        org.jocl.CL.clEnqueueNDRangeKernel(ctx.queue, k, 1, null, new long[] {4}, new long[] {1}, 0, null, null);
        assertArrayEquals(new float[] {2, 4, 6, 8}, (float[]) dev.toHost(s));
        first.release();
        second.release();
    }

    @Test
    void aBuildFailureReportsTheDriverLog(@TempDir Path dir) {
        OpenClContext ctx = backend().context();
        ProgramCache cache = new ProgramCache(ctx.context, ctx.info, "", dir);
        String broken = "__kernel void broken(__global float* x) { x[0] = undeclared_thing + 1; }\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.kernel(broken, "broken"));
        assertTrue(e.getMessage().contains("undeclared_thing"), "build log in the message: " + e.getMessage());
        assertTrue(e.getMessage().contains("__kernel void broken"), e.getMessage());
    }
}
