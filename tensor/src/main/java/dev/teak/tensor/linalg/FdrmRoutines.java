package dev.teak.tensor.linalg;

import dev.teak.tensor.NdArray;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.SingularOps_FDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_FDRM;
import org.ejml.dense.row.factory.DecompositionFactory_FDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_FDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F32;
import org.ejml.interfaces.decomposition.EigenDecomposition_F32;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F32;

/**
 * {@link MatrixRoutines} in float32 over EJML's FDRM algorithms (a line-for-line mirror of
 * {@link DdrmRoutines}; EJML keeps its two precisions in separate classes, so must we).
 */
final class FdrmRoutines implements MatrixRoutines {
    static final FdrmRoutines INSTANCE = new FdrmRoutines();

    private static final double EPS = Math.ulp(1.0f);

    private FdrmRoutines() {}

    private static void write(FMatrixRMaj m, NdArray out) { out.copyFrom(Ejml.fromFDRM(m)); }

    /** An LU solver holding the factorisation of a, or null when a is numerically singular. */
    private static LinearSolverLu_FDRM lu(NdArray a) {
        int n = a.size(0);
        LinearSolverLu_FDRM solver = new LinearSolverLu_FDRM(new LUDecompositionAlt_FDRM());
        if (!solver.setA(Ejml.toFDRM(a))) return null;
        FMatrixRMaj f = solver.getDecomposition().getLU();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int i = 0; i < n; i++) {
            double u = Math.abs(f.get(i, i));
            min = Math.min(min, u);
            max = Math.max(max, u);
        }
        return MatrixRoutines.singular(min, max, n, EPS) ? null : solver;
    }

    @Override
    public boolean solve(NdArray a, NdArray b, NdArray x) {
        LinearSolverLu_FDRM solver = lu(a);
        if (solver == null) return false;
        FMatrixRMaj result = new FMatrixRMaj(b.size(0), b.size(1));
        solver.solve(Ejml.toFDRM(b), result);
        write(result, x);
        return true;
    }

    @Override
    public boolean inv(NdArray a, NdArray out) {
        LinearSolverLu_FDRM solver = lu(a);
        if (solver == null) return false;
        int n = a.size(0);
        FMatrixRMaj result = new FMatrixRMaj(n, n);
        solver.invert(result);
        write(result, out);
        return true;
    }

    /** The symmetric matrix whose lower triangle is a's (torch.linalg reads only that triangle). */
    private static FMatrixRMaj lowerSymmetric(NdArray a) {
        FMatrixRMaj m = Ejml.toFDRM(a);
        for (int i = 0; i < m.numRows; i++) for (int j = i + 1; j < m.numCols; j++) m.set(i, j, m.get(j, i));
        return m;
    }

    @Override
    public boolean cholesky(NdArray a, NdArray lower) {
        int n = a.size(0);
        CholeskyDecomposition_F32<FMatrixRMaj> chol = DecompositionFactory_FDRM.chol(n, true);
        if (!chol.decompose(lowerSymmetric(a))) return false;
        FMatrixRMaj l = chol.getT(null);
        for (int i = 0; i < n; i++) {
            if (!(l.get(i, i) > 0)) return false; // a zero or NaN pivot: semi-definite at best
            for (int j = i + 1; j < n; j++) l.set(i, j, 0);
        }
        write(l, lower);
        return true;
    }

    @Override
    public void qr(NdArray a, NdArray q, NdArray r) {
        QRDecomposition<FMatrixRMaj> qr = DecompositionFactory_FDRM.qr(a.size(0), a.size(1));
        qr.decompose(Ejml.toFDRM(a));
        write(qr.getQ(null, true), q);
        write(qr.getR(null, true), r);
    }

    @Override
    public boolean svd(NdArray a, NdArray u, NdArray s, NdArray vh) {
        int m = a.size(0), n = a.size(1);
        SingularValueDecomposition_F32<FMatrixRMaj> svd = DecompositionFactory_FDRM.svd(m, n, true, true, true);
        if (!svd.decompose(Ejml.toFDRM(a))) return false;
        FMatrixRMaj uu = svd.getU(null, false), vv = svd.getV(null, false);
        int k = svd.numberOfSingularValues();
        float[] sv = svd.getSingularValues();
        // EJML leaves the singular values unordered; sort them and the vectors' columns together.
        SingularOps_FDRM.descendingOrder(uu, false, sv, k, vv, false);
        write(uu, u);
        for (int i = 0; i < k; i++) s.set(sv[i], i);
        write(CommonOps_FDRM.transpose(vv, null), vh);
        return true;
    }

    @Override
    public boolean eigh(NdArray a, NdArray w, NdArray v) {
        int n = a.size(0);
        EigenDecomposition_F32<FMatrixRMaj> eig = DecompositionFactory_FDRM.eig(n, true, true);
        if (!eig.decompose(lowerSymmetric(a))) return false;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = eig.getEigenvalue(i).real;
        int[] order = MatrixRoutines.ascendingOrder(values);
        FMatrixRMaj vectors = new FMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            FMatrixRMaj col = eig.getEigenVector(order[j]);
            if (col == null) return false;
            w.set(values[order[j]], j);
            for (int i = 0; i < n; i++) vectors.set(i, j, col.get(i));
        }
        write(vectors, v);
        return true;
    }

    @Override
    public double[] determinant(NdArray a) {
        int n = a.size(0);
        LUDecompositionAlt_FDRM lu = new LUDecompositionAlt_FDRM();
        lu.decompose(Ejml.toFDRM(a));
        FMatrixRMaj f = lu.getLU();
        // det(A) = det(P) * prod(u_ii): the pivot permutation's parity times the diagonal of U.
        int parity = MatrixRoutines.permutationSign(lu.getRowPivotV(null), n), sign = parity;
        double logAbs = 0, det = parity;
        for (int i = 0; i < n; i++) {
            double p = f.get(i, i);
            if (p == 0) return new double[] {0, Double.NEGATIVE_INFINITY, 0};
            if (p < 0) sign = -sign;
            logAbs += Math.log(Math.abs(p));
            det *= p;
        }
        return new double[] {sign, logAbs, det};
    }
}
