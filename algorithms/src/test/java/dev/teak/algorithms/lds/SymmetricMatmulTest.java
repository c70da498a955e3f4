package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.sparse.CsrMatrix;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The symmetric product against the generic matmul on a symmetric A (the independent
 * reference), in float64: equal values and first-order gradients; second-order gradients with
 * respect to A equal after symmetrisation {@code H + H^T}, the only form LDS uses (the
 * straight-through gradient of theta_ij is {@code G_ij + G_ji}). Entry by entry they differ,
 * since {@code A^T G} and {@code A G} differ off the symmetric matrices; the test checks that too.
 */
class SymmetricMatmulTest {
    private static final int N = 6, K = 3;

    /** Returns {C, dC-weighted loss gradients wrt A and Y, and the gradients of a function of those gradients}. */
    private static double[][] run(BiFunction<Tensor, Tensor, Tensor> mm) {
        Generator gen = new Generator(3);
        double[] r = gen.randn(DType.FLOAT64, N * N).toDoubleArray(), s = new double[N * N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) s[i * N + j] = (i + j) % 3 == 0 ? 0 : r[i * N + j] + r[j * N + i];
        Tensor a = new Tensor(NdArray.of(s, N, N), true);
        Tensor y = new Tensor(gen.randn(DType.FLOAT64, N, K), true);
        Tensor w = new Tensor(gen.randn(DType.FLOAT64, N, K));
        // L = sum(w * tanh(A (A Y))): two products in a chain, so the second order mixes them.
        Tensor c = mm.apply(a, mm.apply(a, y));
        Tensor loss = c.tanh().mul(w).sum();
        Tensor[] g = Autograd.grad(new Tensor[] {loss}, new Tensor[] {a, y}, null, true, false);
        Tensor second = g[0].square().sum().add(g[1].mul(y).sum());
        Tensor[] h = Autograd.grad(new Tensor[] {second}, new Tensor[] {a, y}, null, false, false);
        return new double[][] {c.data().toDoubleArray(), g[0].data().toDoubleArray(), g[1].data().toDoubleArray(),
                h[0].data().toDoubleArray(), h[1].data().toDoubleArray()};
    }

    @Test void matchesTheGenericMatmulToSecondOrder() { compare(run(SymmetricMatmul::apply)); }

    /** The same with the product taken through a sparse copy of A's value (a few entries zeroed to make it sparse). */
    @Test void sparseValuePathMatchesToo() {
        compare(run((a, y) -> SymmetricMatmul.apply(a, CsrMatrix.fromDense(a.data()), y)));
    }

    private static void compare(double[][] sym) {
        double[][] ref = run(Tensor::matmul);
        String[] what = {"value", "dL/dA", "dL/dY", "second order wrt A", "second order wrt Y"};
        for (int k = 0; k < sym.length; k++) {
            if (k == 3) {
                assertArrayEquals(symmetrise(ref[k]), symmetrise(sym[k]), 1e-10, what[k] + ", symmetrised");
                double diff = 0;
                for (int i = 0; i < ref[k].length; i++) diff = Math.max(diff, Math.abs(ref[k][i] - sym[k][i]));
                assertTrue(diff > 1e-3, "entry by entry the second-order gradients should differ (max difference " + diff + ")");
            } else {
                assertArrayEquals(ref[k], sym[k], 1e-10, what[k]);
            }
        }
    }

    private static double[] symmetrise(double[] h) {
        double[] out = new double[N * N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) out[i * N + j] = h[i * N + j] + h[j * N + i];
        return out;
    }

    @Test void rejectsMismatchedShapes() {
        Tensor a = new Tensor(NdArray.zeros(DType.FLOAT64, 3, 4)), y = new Tensor(NdArray.zeros(DType.FLOAT64, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> SymmetricMatmul.apply(a, y));
    }
}
