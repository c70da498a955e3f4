package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backends;
import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batched matmul over strided and broadcast operands, spmm, im2col and col2im against the CPU. */
class LinalgParityTest {
    static OpenClBackend dev;

    @BeforeAll static void device() { dev = backend(); }

    @Test
    void batchedMatmulOverStridedOperandsMatchesTheCpu() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            int m = 1 + r.nextInt(r.nextBoolean() ? 5 : 90), k = 1 + r.nextInt(r.nextBoolean() ? 5 : 90), n = 1 + r.nextInt(r.nextBoolean() ? 5 : 90);
            int[] batch = randomShape(r, 2, 3);
            int[] as = concat(batch, m, k), bs = concat(r.nextBoolean() ? batch : new int[0], k, n);
            Pair a = view(r, t, as, false), b = view(r, t, bs, false);
            assertClose("matmul " + t, a.cpu().matmul(b.cpu()), a.dev().matmul(b.dev()), t == DType.FLOAT32 ? 1e-4 : 1e-12, 1e-4);
        });
    }

    static int[] concat(int[] batch, int r, int c) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }

    @Test
    void sparseTimesDenseMatchesTheCpu() {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            int rows = 1 + r.nextInt(12), cols = 1 + r.nextInt(12), n = 1 + r.nextInt(9);
            int[] rowPtr = new int[rows + 1];
            java.util.List<Integer> ci = new java.util.ArrayList<>();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) if (r.nextInt(3) == 0) ci.add(j);
                rowPtr[i + 1] = ci.size();
            }
            int[] colIdx = ci.stream().mapToInt(Integer::intValue).toArray();
            NdArray vals = values(r, t, colIdx.length, false);
            Pair dense = view(r, t, new int[] {cols, n}, false);
            CsrMatrix cpu = new CsrMatrix(rows, cols, rowPtr, colIdx, vals);
            CsrMatrix onDev = cpu.withValues(vals.to(DEV));
            assertClose("spmm " + t, cpu.matmul(dense.cpu()), onDev.matmul(dense.dev()), 1e-5, 1e-5);
        });
    }

    @Test
    void theCsrStructureIsUploadedOncePerHostArray() {
        CsrMatrix a = new CsrMatrix(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, NdArray.of(new float[] {1, 2, 3}).to(DEV));
        NdArray x = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).to(DEV);
        NdArray first = a.matmul(x);
        long live = dev.liveBytes();
        NdArray again = a.withValues(NdArray.of(new float[] {1, 2, 3}).to(DEV)).matmul(x); // same structure arrays
        assertExact("same product", first.to(Device.CPU), again);
        // [[1, 0, 2], [0, 3, 0]] @ [[1, 2], [3, 4], [5, 6]] = [[11, 14], [9, 12]]
        assertExact("by hand", NdArray.of(new float[] {11, 14, 9, 12}, 2, 2), first);
        long perCall = 2 * 4 * 2 + 3 * 4;  // the new values and the output; no structure
        org.junit.jupiter.api.Assertions.assertTrue(dev.liveBytes() - live <= perCall,
                "second spmm allocated " + (dev.liveBytes() - live) + " bytes");
    }

    @Test
    void im2colAndCol2imMatchTheCpuExactly() {
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            int c = 1 + r.nextInt(3), h = 1 + r.nextInt(7), w = 1 + r.nextInt(7), batch = 1 + r.nextInt(2);
            int kh = 1 + r.nextInt(3), kw = 1 + r.nextInt(3), s = 1 + r.nextInt(2), p = r.nextInt(2), d = 1 + r.nextInt(2);
            ConvGeometry g;
            try {
                g = new ConvGeometry(c, h, w, kh, kw, s, s + r.nextInt(2), p, p, d, d);
            } catch (IllegalArgumentException tooSmall) {
                return;
            }
            Pair x = view(r, t, new int[] {batch, c, h, w}, false);
            Backend cpuB = Backends.cpu();
            int[] colShape = {batch, g.colRows(), g.outH() * g.outW()};
            NdArray colsCpu = NdArray.zeros(cpuB, t, colShape), colsDev = NdArray.zeros(dev, t, colShape);
            cpuB.im2col(x.cpu(), g, colsCpu);
            dev.im2col(x.dev(), g, colsDev);
            assertExact("im2col", colsCpu, colsDev);
            // the adjoint, gathering taps in the CPU's order: bit-identical sums
            Pair cols = view(r, t, colShape, false);
            NdArray backCpu = NdArray.zeros(cpuB, t, batch, c, h, w), backDev = NdArray.zeros(dev, t, batch, c, h, w);
            cpuB.col2im(cols.cpu(), g, backCpu);
            dev.col2im(cols.dev(), g, backDev);
            assertExact("col2im", backCpu, backDev);
        });
    }
}
