package dev.teak.nn.graph;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.sparse.CsrMatrix;

/**
 * Adjacency normalisations for graph convolutions, sparse ({@link CsrMatrix}, fixed graphs)
 * and dense (a {@link Tensor}, differentiable, for learned graphs). The GCN propagation matrix
 * is {@code D^-1/2 (A + I) D^-1/2} with {@code D} the degrees of {@code A + I} (Kipf and Welling
 * 2017, eq. 2); the random-walk one is {@code D^-1 A}. Rows of degree 0 get scale 0.
 */
public final class Adjacency {
    private Adjacency() {}

    /** {@code D^-1/2 (A + I) D^-1/2}. */
    public static CsrMatrix gcnNormalized(CsrMatrix a) { return a.addDiagonal(1).symmetricNormalized(); }

    /** {@code D^-1/2 A D^-1/2} without self-loops. */
    public static CsrMatrix symmetricNormalized(CsrMatrix a) { return a.symmetricNormalized(); }

    /** {@code D^-1 A}: each row sums to 1 (rows summing to 0 stay 0). */
    public static CsrMatrix rowNormalized(CsrMatrix a) {
        double[] d = a.rowSums().toDoubleArray();
        for (int i = 0; i < d.length; i++) d[i] = d[i] != 0 ? 1 / d[i] : 0;
        return a.diagonalScale(NdArray.of(d), null);
    }

    /** Dense {@code D^-1/2 (A + I) D^-1/2} for {@code a [n, n]}, differentiable in {@code a} (non-negative entries assumed). */
    public static Tensor gcnNormalized(Tensor a) {
        requireSquare("gcnNormalized", a);
        Tensor eye = new Tensor(NdArray.eye(a.size(0), a.dtype()).to(a.data().device()));
        return symmetricNormalized(a.add(eye));
    }

    /** Dense {@code D^-1/2 A D^-1/2}; degrees {@code <= 0} get scale 0. */
    public static Tensor symmetricNormalized(Tensor a) {
        requireSquare("symmetricNormalized", a);
        Tensor deg = a.sum(1, false);
        Tensor positive = deg.gt(0);
        // The where keeps 1/sqrt away from zero degrees, whose gradient would be infinite.
        Tensor safe = Tensor.where(positive, deg, deg.onesLike());
        Tensor s = Tensor.where(positive, safe.sqrt().reciprocal(), deg.zerosLike());
        return a.mul(s.unsqueeze(1)).mul(s.unsqueeze(0));
    }

    /** Dense {@code D^-1 A}. */
    public static Tensor rowNormalized(Tensor a) {
        requireSquare("rowNormalized", a);
        Tensor deg = a.sum(1, true);
        Tensor nonzero = new Tensor(deg.data().ne(NdArray.scalar(0, deg.dtype())));
        Tensor safe = Tensor.where(nonzero, deg, deg.onesLike());
        return Tensor.where(nonzero, a.div(safe), a.zerosLike());
    }

    private static void requireSquare(String op, Tensor a) {
        if (a.dim() != 2 || a.size(0) != a.size(1)) throw new IllegalArgumentException(op + ": needs a square [n, n] adjacency, got " + Shape.str(a.shape()));
    }
}
