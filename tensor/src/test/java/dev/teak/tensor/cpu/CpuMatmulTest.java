package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Batched matmul through {@code NdArray.matmul}: broadcast batch axes, transposed views and
 * a batch of small products spread over threads, against a naive float64 loop.
 */
class CpuMatmulTest {
    private static NdArray random(Random rnd, DType t, int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextFloat() * 2f - 1f;
        return NdArray.of(d, shape).to(t);
    }

    /** out[b][i][j] = sum_p a[b][i][p] * w[b][p][j], all operands already broadcast to (batch, ., .). */
    private static void assertProduct(NdArray a, NdArray w, NdArray out, double unit) {
        int batch = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double ref = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double prod = a.getDouble(t, i, p) * w.getDouble(t, p, j);
                        ref += prod;
                        mag += Math.abs(prod);
                    }
                    assertEquals(ref, out.getDouble(t, i, j), unit * (k + 3) * mag, "batch " + t + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void broadcastBatchesAndTransposedViews() {
        Random rnd = new Random(3);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double unit = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-51;
            // (2, 1, 7, 13) @ (3, 13, 9) -> (2, 3, 7, 9), with the right operand a transposed view.
            NdArray a = random(rnd, t, 2, 1, 7, 13);
            NdArray w = random(rnd, t, 3, 9, 13).mT();
            NdArray out = a.matmul(w);
            assertArrayEquals(new int[] {2, 3, 7, 9}, out.shape());
            NdArray ab = a.broadcastTo(2, 3, 7, 13).reshape(6, 7, 13), wb = w.broadcastTo(2, 3, 13, 9).contiguous().reshape(6, 13, 9);
            assertProduct(ab, wb, out.reshape(6, 7, 9), unit);
        }
    }

    @Test
    void manySmallProductsAreSplitAcrossThreadsDeterministically() {
        Random rnd = new Random(5);
        // 160 products of 20x30x25 = 15000 multiply-adds each: each below the split threshold,
        // together above it, so the batch itself is spread over the threads.
        NdArray a = random(rnd, DType.FLOAT32, 160, 20, 30), w = random(rnd, DType.FLOAT32, 160, 30, 25);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            NdArray one = a.matmul(w);
            Parallel.setThreads(2);
            NdArray two = a.matmul(w);
            assertArrayEquals(one.toFloatArray(), two.toFloatArray());
            assertProduct(a, w, two, 0x1p-23);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void vectorTimesMatrixAndMatrixTimesVector() {
        // [1 2 3] @ [[1 0], [0 1], [1 1]] = [4 5];  [[1 2 3], [4 5 6]] @ [1 1 1] = [6 15].
        NdArray v = NdArray.of(new float[] {1, 2, 3}, 3);
        NdArray m = NdArray.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {4, 5}, v.matmul(m).toFloatArray());
        NdArray m2 = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {6, 15}, m2.matmul(NdArray.of(new float[] {1, 1, 1}, 3)).toFloatArray());
    }
}
