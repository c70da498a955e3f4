package dev.teak.tensor.sparse;

import static dev.teak.tensor.sparse.RandomCoo.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CSR construction, products and transposes against dense arithmetic on the coordinate
 * triples themselves: random shapes (zero rows included), empty rows, duplicate coordinates,
 * both dtypes, both duplicate policies, contiguous and transposed dense operands. Dense widths
 * run to 70 so the vector kernels' full blocks, single vectors and scalar tails all occur.
 */
class CsrMatrixPropertiesTest {
    private static double tol(DType t) { return t == DType.FLOAT64 ? 1e-12 : 1e-4; }

    private static DType dtype(int flags) { return (flags & 1) != 0 ? DType.FLOAT64 : DType.FLOAT32; }

    @Test
    void productMatchesDenseProduct() {
        qt().withExamples(200).forAll(integers().between(0, 12), integers().between(1, 12), integers().between(0, 7), longs().all())
                .checkAssert((rows, cols, flags, seed) -> {
                    Random rnd = new Random(seed);
                    DType t = dtype(flags);
                    RandomCoo coo = RandomCoo.draw(rnd, rows, cols);
                    CsrMatrix a = coo.toCsr(t, (flags & 2) != 0);
                    int n = 1 + rnd.nextInt(70);
                    double[][] x = random(rnd, cols, n);
                    NdArray xs = array(x, n, t, (flags & 4) != 0);
                    NdArray y = a.matmul(xs);
                    assertArrayEquals(new int[] {rows, n}, y.shape());
                    assertEquals(t, y.dtype());
                    double[][] xr = read(xs); // the operand as stored, rounded to the dtype
                    assertTrue(maxAbsDiff(read(y), mul(coo.dense(t), xr, n)) <= tol(t) * cols, "A X against the triples");
                    assertTrue(maxAbsDiff(read(y), read(a.toDense().matmul(xs))) <= tol(t) * cols, "A X against toDense().matmul");
                    double[][] z = random(rnd, rows, n);
                    NdArray zs = array(z, n, t, false);
                    double[][] ref = mul(transpose(coo.dense(t), cols), read(zs), n);
                    assertTrue(maxAbsDiff(read(a.transposeMatmul(zs)), ref) <= tol(t) * Math.max(1, rows), "A^T Z");
                });
    }

    @Test
    void fromCooSortsRowsAndMergesDuplicates() {
        qt().withExamples(200).forAll(integers().between(0, 12), integers().between(1, 12), integers().between(0, 3), longs().all())
                .checkAssert((rows, cols, flags, seed) -> {
                    DType t = dtype(flags);
                    boolean merge = (flags & 2) != 0;
                    RandomCoo coo = RandomCoo.draw(new Random(seed), rows, cols);
                    CsrMatrix a = coo.toCsr(t, merge);
                    assertEquals(merge ? countDistinct(coo) : coo.r().length, a.nnz());
                    for (int i = 0; i < rows; i++) {
                        for (int k = a.rowPtr()[i] + 1; k < a.rowPtr()[i + 1]; k++) {
                            int prev = a.colIdx()[k - 1], cur = a.colIdx()[k];
                            assertTrue(merge ? prev < cur : prev <= cur, "columns ascend within row " + i);
                        }
                    }
                    assertTrue(maxAbsDiff(read(a.toDense()), coo.dense(t)) <= tol(t), "toDense sums the triples");
                    if (merge) {
                        CsrMatrix back = CsrMatrix.fromDense(a.toDense());
                        assertArrayEquals(a.rowPtr(), back.rowPtr());
                        assertArrayEquals(a.colIdx(), back.colIdx());
                        assertArrayEquals(a.values().toDoubleArray(), back.values().toDoubleArray());
                    }
                });
    }

    private static int countDistinct(RandomCoo coo) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < coo.r().length; k++) seen.add((long) coo.r()[k] * coo.cols() + coo.c()[k]);
        return seen.size();
    }

    @Test
    void transposeIsTheDenseTransposeAndAnInvolution() {
        qt().withExamples(200).forAll(integers().between(0, 12), integers().between(1, 12), integers().between(0, 3), longs().all())
                .checkAssert((rows, cols, flags, seed) -> {
                    DType t = dtype(flags);
                    CsrMatrix a = RandomCoo.draw(new Random(seed), rows, cols).toCsr(t, (flags & 2) != 0);
                    CsrMatrix at = a.transpose();
                    assertEquals(cols, at.rows());
                    assertEquals(rows, at.cols());
                    assertEquals(t, at.dtype());
                    assertEquals(0, maxAbsDiff(read(at.toDense()), transpose(read(a.toDense()), cols)));
                    double[] v = a.values().toDoubleArray(), tv = at.values().toDoubleArray();
                    int[] perm = a.transposePermutation();
                    for (int p = 0; p < tv.length; p++) assertEquals(v[perm[p]], tv[p]);
                    // fromCoo rows are sorted, so transposing twice restores every array exactly.
                    CsrMatrix back = at.transpose();
                    assertArrayEquals(a.rowPtr(), back.rowPtr());
                    assertArrayEquals(a.colIdx(), back.colIdx());
                    assertArrayEquals(v, back.values().toDoubleArray());
                });
    }

    @Test
    void rowSumsScalingAndDiagonalMatchDenseFormulas() {
        qt().withExamples(200).forAll(integers().between(0, 10), integers().between(0, 3), longs().all())
                .checkAssert((n, flags, seed) -> {
                    DType t = dtype(flags);
                    Random rnd = new Random(seed);
                    RandomCoo coo = RandomCoo.draw(rnd, n, Math.max(n, 1));
                    CsrMatrix a = coo.toCsr(t, (flags & 2) != 0);
                    int cols = a.cols();
                    double[][] d = coo.dense(t);
                    double[] sums = a.rowSums().toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int j = 0; j < cols; j++) s += d[i][j];
                        assertEquals(s, sums[i], tol(t) * cols, "row sum " + i);
                    }
                    double[] left = new double[n], right = new double[cols];
                    for (int i = 0; i < n; i++) left[i] = rnd.nextDouble() - 0.5;
                    for (int j = 0; j < cols; j++) right[j] = rnd.nextDouble() - 0.5;
                    double[][] scaled = read(a.diagonalScale(NdArray.of(left), NdArray.of(right)).toDense());
                    for (int i = 0; i < n; i++) for (int j = 0; j < cols; j++) assertEquals(left[i] * d[i][j] * right[j], scaled[i][j], tol(t));
                    if (n == 0) return;
                    double value = rnd.nextDouble();
                    CsrMatrix plus = a.addDiagonal(value);
                    double[][] pd = read(plus.toDense());
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(d[i][j] + (i == j ? value : 0), pd[i][j], tol(t));
                    double[][] norm = read(plus.symmetricNormalized().toDense());
                    double[] deg = new double[n];
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) deg[i] += pd[i][j];
                    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                        assertEquals(pd[i][j] / Math.sqrt(deg[i] * deg[j]), norm[i][j], tol(t), "D^-1/2 A D^-1/2");
                    }
                });
    }
}
