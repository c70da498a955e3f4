package dev.teak.tensor.sparse;

import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-computed CSR results, the error messages, and a graph of 10^5 nodes and 10^6 edges. */
class CsrMatrixExamplesTest {
    /**
     * [[0, 2, 0],
     *  [0, 0, 0],
     *  [1, 0, 3]] from unsorted triples with (0, 1) given twice as 1.5 + 0.5.
     */
    private static CsrMatrix small() {
        return CsrMatrix.fromCoo(3, 3, new int[] {2, 0, 2, 0}, new int[] {2, 1, 0, 1}, new double[] {3, 1.5, 1, 0.5}, true);
    }

    @Test
    void handComputedStructureAndProducts() {
        CsrMatrix a = small();
        assertArrayEquals(new int[] {0, 1, 1, 3}, a.rowPtr());
        assertArrayEquals(new int[] {1, 0, 2}, a.colIdx());
        assertArrayEquals(new double[] {2, 1, 3}, a.values().toDoubleArray());
        assertArrayEquals(new int[] {0, 2, 2}, a.rowIndices());
        NdArray x = NdArray.of(new double[] {1, 10, 2, 20, 3, 30}, 3, 2);
        assertArrayEquals(new double[] {4, 40, 0, 0, 10, 100}, a.matmul(x).toDoubleArray());
        assertArrayEquals(new double[] {4, 0, 10}, a.matmul(NdArray.of(new double[] {1, 2, 3})).toDoubleArray());
        // A^T = [[0, 0, 1], [2, 0, 0], [0, 0, 3]]
        CsrMatrix t = a.transpose();
        assertArrayEquals(new int[] {0, 1, 2, 3}, t.rowPtr());
        assertArrayEquals(new int[] {2, 0, 2}, t.colIdx());
        assertArrayEquals(new double[] {3, 2, 9}, a.transposeMatmul(NdArray.of(new double[] {1, 2, 3})).toDoubleArray());
        assertArrayEquals(new double[] {2, 0, 4}, a.rowSums().toDoubleArray());
        // Keeping duplicates stores both halves of (0, 1) next to each other; products still add them.
        CsrMatrix dup = CsrMatrix.fromCoo(3, 3, new int[] {2, 0, 2, 0}, new int[] {2, 1, 0, 1}, new float[] {3, 1.5f, 1, 0.5f}, false);
        assertArrayEquals(new int[] {1, 1, 0, 2}, dup.colIdx());
        assertArrayEquals(new float[] {1.5f, 0.5f, 1, 3}, dup.values().toFloatArray());
        assertArrayEquals(a.toDense().toFloatArray(), dup.toDense().toFloatArray());
    }

    @Test
    void graphNormalisationLeavesIsolatedNodesAtZero() {
        // Row 1 is empty: its degree is 0, so its scale is 0, not infinity.
        CsrMatrix n = small().symmetricNormalized();
        double[] d = n.toDense().toDoubleArray();
        assertEquals(0, d[1]);                          // (0, 1): column 1 has degree 0
        assertEquals(1 / Math.sqrt(4 * 2), d[6], 1e-15); // (2, 0): 1 / sqrt(deg 2 * deg 0)
        assertEquals(3 / Math.sqrt(4 * 4), d[8], 1e-15); // (2, 2)
        CsrMatrix withSelfLoops = small().addDiagonal(1);
        assertArrayEquals(new int[] {0, 2, 3, 5}, withSelfLoops.rowPtr());
        assertArrayEquals(new int[] {0, 1, 1, 0, 2}, withSelfLoops.colIdx());
        assertArrayEquals(new double[] {1, 2, 1, 1, 4}, withSelfLoops.values().toDoubleArray());
    }

    private static String error(Class<? extends RuntimeException> type, Runnable r) {
        return assertThrows(type, r::run).getMessage();
    }

    @Test
    void errorsNameTheOffendingArgument() {
        String msg = error(IndexOutOfBoundsException.class,
                () -> CsrMatrix.fromCoo(2, 2, new int[] {0, 2}, new int[] {0, 0}, new double[] {1, 1}, true));
        assertTrue(msg.startsWith("fromCoo:") && msg.contains("row index 2") && msg.contains("entry 1"), msg);
        msg = error(IllegalArgumentException.class, () -> CsrMatrix.fromCoo(2, 2, new int[] {0}, new int[] {0, 1}, new double[] {1}, true));
        assertTrue(msg.startsWith("fromCoo:") && msg.contains("same length"), msg);
        msg = error(IllegalArgumentException.class, () -> small().matmul(NdArray.zeros(DType.FLOAT64, 4, 2)));
        assertTrue(msg.startsWith("spmm:") && msg.contains("[4, 2]"), msg);
        msg = error(IllegalArgumentException.class, () -> small().diagonalScale(NdArray.ones(DType.FLOAT64, 2), null));
        assertTrue(msg.startsWith("diagonalScale:") && msg.contains("[3]") && msg.contains("[2]"), msg);
        CsrMatrix rect = CsrMatrix.fromCoo(2, 3, new int[] {0}, new int[] {2}, new double[] {1}, true);
        msg = error(IllegalArgumentException.class, () -> rect.addDiagonal(1));
        assertTrue(msg.startsWith("addDiagonal:") && msg.contains("2x3"), msg);
        msg = error(IllegalArgumentException.class, () -> CsrMatrix.fromDense(NdArray.of(new int[] {1, 0}, 1, 2)));
        assertTrue(msg.startsWith("fromDense:") && msg.contains("int32"), msg);
    }

    @Test
    void graphOfHundredThousandNodesAndMillionEdges() {
        int nodes = 100_000, edges = 1_000_000, width = 16;
        Random rnd = new Random(42);
        int[] src = new int[edges], dst = new int[edges];
        float[] w = new float[edges];
        for (int e = 0; e < edges; e++) {
            src[e] = rnd.nextInt(nodes);
            dst[e] = rnd.nextInt(nodes);
            w[e] = rnd.nextFloat();
        }
        float[] x = new float[nodes * width];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() - 0.5f;
        CsrMatrix a = CsrMatrix.fromCoo(nodes, nodes, src, dst, w, true);
        NdArray xs = NdArray.of(x, nodes, width);
        NdArray y = a.matmul(xs), yt = a.transposeMatmul(xs);
        assertArrayEquals(new int[] {nodes, width}, y.shape());
        int[] probe = {0, 1, 4242, 77_777, nodes - 1, rnd.nextInt(nodes), rnd.nextInt(nodes)};
        for (int i : probe) {
            double[] ref = new double[width], refT = new double[width];
            for (int e = 0; e < edges; e++) {
                if (src[e] == i) for (int j = 0; j < width; j++) ref[j] += (double) w[e] * x[dst[e] * width + j];
                if (dst[e] == i) for (int j = 0; j < width; j++) refT[j] += (double) w[e] * x[src[e] * width + j];
            }
            for (int j = 0; j < width; j++) {
                assertEquals(ref[j], y.getDouble(i, j), 1e-4, "row " + i + " of A X");
                assertEquals(refT[j], yt.getDouble(i, j), 1e-4, "row " + i + " of A^T X");
            }
        }
    }
}
