package dev.teak.tensor.linalg;

import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.Arrays;

/**
 * Dense linear algebra with {@code torch.linalg}'s names and conventions, computed by EJML
 * (DDRM for float64, FDRM for float32). Every function takes a matrix {@code [m, n]} or a batch
 * {@code [..., m, n]} (looped over, one EJML call per matrix), of any layout, on any device:
 * the work happens on the CPU and the results come back on the input's device, in its dtype.
 *
 * <p>Errors name the function, the shapes and, for batches, the index of the offending matrix.
 * Unlike LAPACK, {@link #solve} and {@link #inv} refuse numerically singular matrices (an LU
 * pivot below {@code n * eps} times the largest) instead of returning infinities.
 */
public final class Linalg {
    private Linalg() {}

    /** {@code A = Q R}: Q {@code [..., m, k]} with orthonormal columns, R {@code [..., k, n]} upper triangular, k = min(m, n). */
    public record QR(NdArray q, NdArray r) {}

    /** {@code A = U diag(S) Vh}: U {@code [..., m, k]}, S {@code [..., k]} descending, Vh {@code [..., k, n]}. */
    public record SVD(NdArray u, NdArray s, NdArray vh) {}

    /** {@code A V = V diag(w)}: eigenvalues {@code [..., n]} ascending, eigenvectors as the columns of {@code [..., n, n]}. */
    public record Eigh(NdArray eigenvalues, NdArray eigenvectors) {}

    /** {@code det(A) = sign * exp(logabsdet)}; sign is 0 (and logabsdet -inf) for a singular matrix. */
    public record SlogDet(NdArray sign, NdArray logabsdet) {}

    /**
     * {@code X} with {@code A X = B} (torch.linalg.solve). A is {@code [..., n, n]}; B is
     * {@code [..., n, k]}, or a vector {@code [..., n]} when it is 1-D or has exactly A's shape
     * without the last axis. Batch axes broadcast.
     */
    public static NdArray solve(NdArray a, NdArray b) {
        a.requireSameDevice("solve", b);
        requireSquare("solve", a);
        DType t = floatType("solve", DType.promote(a.dtype(), b.dtype()), a, b);
        int n = a.size(-1);
        int[] aBatch = batchShape(a);
        boolean vector = b.dim() == 1 || (b.dim() == a.dim() - 1 && Arrays.equals(b.shape(), Arrays.copyOf(a.shape(), a.dim() - 1)));
        NdArray bm = vector ? b.unsqueeze(-1) : b;
        if (bm.dim() < 2 || bm.size(-2) != n) {
            throw new IllegalArgumentException("solve: A of shape " + Shape.str(a.shape()) + " and B of shape " + Shape.str(b.shape())
                    + " do not match: B must be [..., " + n + ", k] or [..., " + n + "]");
        }
        int k = bm.size(-1);
        int[] batch = Shape.broadcast("solve", aBatch, batchShape(bm));
        NdArray ac = onCpu(a).expand(withMatrix(batch, n, n)), bc = onCpu(bm).expand(withMatrix(batch, n, k));
        NdArray x = NdArray.zeros(DType.FLOAT64, withMatrix(batch, n, k));
        MatrixRoutines r = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            if (n > 0 && k > 0 && !r.solve(at(ac, idx), at(bc, idx), at(x, idx))) throw failure("solve", "A", a, batch, idx, "is singular");
        });
        return back((vector ? x.squeeze(-1) : x), t, a.device());
    }

    /** The inverse of each square matrix (torch.linalg.inv); singular matrices are refused. */
    public static NdArray inv(NdArray a) {
        requireSquare("inv", a);
        DType t = floatType("inv", a.dtype(), a);
        int n = a.size(-1);
        int[] batch = batchShape(a);
        NdArray ac = onCpu(a), out = NdArray.zeros(DType.FLOAT64, a.shape());
        MatrixRoutines r = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            if (n > 0 && !r.inv(at(ac, idx), at(out, idx))) throw failure("inv", "A", a, batch, idx, "is singular");
        });
        return back(out, t, a.device());
    }

    /**
     * The lower-triangular {@code L} with {@code L L^T = A} (torch.linalg.cholesky). Only the lower
     * triangle of A is read; a matrix that is not positive definite is refused.
     */
    public static NdArray cholesky(NdArray a) {
        requireSquare("cholesky", a);
        DType t = floatType("cholesky", a.dtype(), a);
        int n = a.size(-1);
        int[] batch = batchShape(a);
        NdArray ac = onCpu(a), out = NdArray.zeros(DType.FLOAT64, a.shape());
        MatrixRoutines r = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            if (n > 0 && !r.cholesky(at(ac, idx), at(out, idx))) {
                throw failure("cholesky", "A", a, batch, idx, "is not positive definite");
            }
        });
        return back(out, t, a.device());
    }

    /** The reduced QR factorisation of any {@code [..., m, n]} (torch.linalg.qr, mode "reduced"). */
    public static QR qr(NdArray a) {
        requireMatrix("qr", a);
        DType t = floatType("qr", a.dtype(), a);
        int m = a.size(-2), n = a.size(-1), k = Math.min(m, n);
        int[] batch = batchShape(a);
        NdArray ac = onCpu(a), q = NdArray.zeros(DType.FLOAT64, withMatrix(batch, m, k)), r = NdArray.zeros(DType.FLOAT64, withMatrix(batch, k, n));
        MatrixRoutines routines = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            if (k > 0) routines.qr(at(ac, idx), at(q, idx), at(r, idx));
        });
        return new QR(back(q, t, a.device()), back(r, t, a.device()));
    }

    /** The reduced SVD of any {@code [..., m, n]} (torch.linalg.svd with full_matrices=False). */
    public static SVD svd(NdArray a) {
        requireMatrix("svd", a);
        DType t = floatType("svd", a.dtype(), a);
        int m = a.size(-2), n = a.size(-1), k = Math.min(m, n);
        int[] batch = batchShape(a);
        NdArray ac = onCpu(a);
        NdArray u = NdArray.zeros(DType.FLOAT64, withMatrix(batch, m, k)), vh = NdArray.zeros(DType.FLOAT64, withMatrix(batch, k, n));
        NdArray s = NdArray.zeros(DType.FLOAT64, append(batch, k));
        MatrixRoutines r = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            if (k > 0 && !r.svd(at(ac, idx), at(u, idx), at(s, idx), at(vh, idx))) {
                throw failure("svd", "A", a, batch, idx, "did not converge");
            }
        });
        Device d = a.device();
        return new SVD(back(u, t, d), back(s, t, d), back(vh, t, d));
    }

    /**
     * Eigenvalues (ascending) and orthonormal eigenvectors of symmetric matrices
     * (torch.linalg.eigh with UPLO="L": only the lower triangle is read).
     */
    public static Eigh eigh(NdArray a) {
        requireSquare("eigh", a);
        DType t = floatType("eigh", a.dtype(), a);
        int n = a.size(-1);
        int[] batch = batchShape(a);
        NdArray ac = onCpu(a), w = NdArray.zeros(DType.FLOAT64, append(batch, n)), v = NdArray.zeros(DType.FLOAT64, a.shape());
        MatrixRoutines r = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            if (n > 0 && !r.eigh(at(ac, idx), at(w, idx), at(v, idx))) throw failure("eigh", "A", a, batch, idx, "did not converge");
        });
        return new Eigh(back(w, t, a.device()), back(v, t, a.device()));
    }

    /** The determinant of each square matrix, shape {@code [...]} (torch.linalg.det); 1 for a 0 x 0 matrix. */
    public static NdArray det(NdArray a) {
        return determinants("det", a)[2];
    }

    /** Sign and natural log of |det| (torch.linalg.slogdet), which neither overflow nor underflow. */
    public static SlogDet slogdet(NdArray a) {
        NdArray[] d = determinants("slogdet", a);
        return new SlogDet(d[0], d[1]);
    }

    /** {sign, logabsdet, det}, each of the batch shape, from one LU factorisation per matrix. */
    private static NdArray[] determinants(String op, NdArray a) {
        requireSquare(op, a);
        DType t = floatType(op, a.dtype(), a);
        int n = a.size(-1);
        int[] batch = batchShape(a);
        NdArray ac = onCpu(a);
        NdArray[] out = {NdArray.zeros(DType.FLOAT64, batch), NdArray.zeros(DType.FLOAT64, batch), NdArray.zeros(DType.FLOAT64, batch)};
        MatrixRoutines r = DdrmRoutines.INSTANCE;
        forEachMatrix(batch, idx -> {
            double[] v = n == 0 ? new double[] {1, 0, 1} : r.determinant(at(ac, idx));
            for (int j = 0; j < 3; j++) out[j].set(v[j], idx);
        });
        for (int j = 0; j < 3; j++) out[j] = back(out[j], t, a.device());
        return out;
    }

    // ------------------------------------------------------------------ batching and checks

    @FunctionalInterface
    private interface MatrixBody { void run(int[] batchIndex); }

    /** Calls {@code body} once per batch index, in row-major order (once with {@code []} for a plain matrix). */
    private static void forEachMatrix(int[] batch, MatrixBody body) {
        int count = Shape.numel(batch);
        int[] idx = new int[batch.length];
        for (int i = 0; i < count; i++) {
            body.run(idx);
            Shape.increment(idx, batch);
        }
    }

    /** The matrix (last two axes, or last axis for vectors) at a batch index: a view. */
    private static NdArray at(NdArray x, int[] batchIndex) {
        NdArray v = x;
        for (int i : batchIndex) v = v.select(0, i);
        return v;
    }

    /** The input as float64 on the CPU: every routine computes in double and results are rounded back. */
    private static NdArray onCpu(NdArray x) { return x.to(Device.CPU).to(DType.FLOAT64); }

    /** A float64 CPU result in the caller's dtype on the caller's device. */
    private static NdArray back(NdArray x, DType t, Device d) { return x.to(t).to(d); }

    private static int[] batchShape(NdArray a) { return Arrays.copyOf(a.shape(), a.dim() - 2); }

    private static int[] withMatrix(int[] batch, int rows, int cols) { return append(append(batch, rows), cols); }

    private static int[] append(int[] shape, int size) {
        int[] s = Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = size;
        return s;
    }

    private static void requireMatrix(String op, NdArray a) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + ": expected a matrix [m, n] or a batch [..., m, n], got shape " + Shape.str(a.shape()));
        }
    }

    private static void requireSquare(String op, NdArray a) {
        if (a.dim() < 2 || a.size(-1) != a.size(-2)) {
            throw new IllegalArgumentException(op + ": expected a square matrix [n, n] or a batch [..., n, n], got shape "
                    + Shape.str(a.shape()));
        }
    }

    private static DType floatType(String op, DType t, NdArray... inputs) {
        if (!t.isFloating()) {
            StringBuilder got = new StringBuilder();
            for (NdArray x : inputs) got.append(got.length() == 0 ? "" : " and ").append(x.dtype().pyName());
            throw new IllegalArgumentException(op + ": needs float32 or float64 input, got " + got + "; convert with to(DType.FLOAT32)");
        }
        return t;
    }

    private static ArithmeticException failure(String op, String name, NdArray a, int[] batch, int[] idx, String what) {
        String which = batch.length == 0 ? name + " of shape " + Shape.str(a.shape())
                : "the matrix at batch index " + Arrays.toString(idx) + " of " + name + " (shape " + Shape.str(a.shape()) + ")";
        return new ArithmeticException(op + ": " + which + " " + what);
    }
}
