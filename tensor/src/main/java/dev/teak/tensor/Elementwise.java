package dev.teak.tensor;

/**
 * Elementwise ops with PyTorch's type promotion and NumPy broadcasting. Operands are
 * converted to the computation dtype and expanded to the result shape by views; the backend
 * then runs one loop.
 */
public final class Elementwise {
    private Elementwise() {}

    /** A rank-0 array for a Python-style scalar operand: keeps x's dtype unless a fraction meets integers. */
    public static NdArray scalarLike(NdArray x, double s) {
        DType t = x.dtype();
        if (!t.isFloating() && (s != Math.rint(s) || Double.isInfinite(s))) t = DType.FLOAT32;
        else if (t == DType.BOOL) t = DType.INT64;
        return s == 0 ? NdArray.zeros(x.backend(), t) : NdArray.empty(x.backend(), t).fill(s);
    }

    public static NdArray unary(UnaryOp op, NdArray x) {
        DType in = x.dtype();
        DType out;
        if (op.isPredicate()) out = DType.BOOL;
        else if (in.isFloating()) out = in;
        else if (op.keepsIntegers()) out = in == DType.BOOL ? DType.INT64 : in;
        else out = DType.FLOAT32;
        NdArray src = op.isPredicate() || !in.isFloating() && out.isFloating() ? x.to(out.isFloating() ? out : in) : x;
        NdArray result = NdArray.empty(x.backend(), out, x.shape());
        x.backend().unary(op, src, result);
        return result;
    }

    /**
     * {@code torch.result_type} of two arrays: {@link DType#promote}, except that a rank-0
     * operand only decides when its category (bool &lt; integer &lt; floating) is higher than
     * the other's. So {@code int32[n] + int64[]} is int32 and {@code float32[n] + float64[]}
     * is float32, but {@code int32[n] + float64[]} is float64.
     */
    public static DType resultType(NdArray a, NdArray b) {
        boolean za = a.dim() == 0, zb = b.dim() == 0;
        if (za == zb) return DType.promote(a.dtype(), b.dtype());
        DType dimensioned = za ? b.dtype() : a.dtype(), zeroDim = za ? a.dtype() : b.dtype();
        return category(zeroDim) > category(dimensioned) ? zeroDim : dimensioned;
    }

    private static int category(DType t) { return t == DType.BOOL ? 0 : t.isFloating() ? 2 : 1; }

    public static NdArray binary(BinaryOp op, NdArray a, NdArray b) {
        a.requireSameDevice(op.opName(), b);
        int[] shape = Shape.broadcast(op.opName(), a.shape(), b.shape());
        DType t = resultType(a, b);
        if (!t.isFloating() && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) t = DType.FLOAT32; // true division
        if (t == DType.BOOL && !op.isPredicate()) t = DType.INT64;
        DType outType = op.isPredicate() ? DType.BOOL : t;
        NdArray out = NdArray.empty(a.backend(), outType, shape);
        a.backend().binary(op, a.to(t).broadcastTo(shape), b.to(t).broadcastTo(shape), out);
        return out;
    }

    /** {@code cond ? a : b} with broadcasting of all three. */
    public static NdArray where(NdArray cond, NdArray a, NdArray b) {
        cond.requireSameDevice("where", a);
        a.requireSameDevice("where", b);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        DType t = resultType(a, b);
        NdArray out = NdArray.empty(a.backend(), t, shape);
        a.backend().where(cond.to(DType.BOOL).broadcastTo(shape), a.to(t).broadcastTo(shape), b.to(t).broadcastTo(shape), out);
        return out;
    }

    public static NdArray where(NdArray cond, double a, NdArray b) { return where(cond, scalarLike(b, a), b); }

    /** {@code x} with {@code value} wherever {@code mask} is true (torch.masked_fill). */
    public static NdArray maskedFill(NdArray x, NdArray mask, double value) {
        NdArray r = where(mask, scalarLike(x, value).to(x.dtype()), x);
        return r.dtype() == x.dtype() ? r : r.to(x.dtype());
    }

    /** Elements limited to {@code [lo, hi]}. */
    public static NdArray clamp(NdArray x, double lo, double hi) {
        if (lo > hi) throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        return x.maximum(scalarLike(x, lo)).minimum(scalarLike(x, hi));
    }

    /** {@code |a - b| <= atol + rtol * |b|} everywhere (NaN only equal to NaN when asked). */
    public static boolean allClose(NdArray a, NdArray b, double rtol, double atol) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) return false;
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) { if (!(Double.isNaN(x[i]) && Double.isNaN(y[i]))) return false; continue; }
            if (x[i] == y[i]) continue;
            if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) return false;
        }
        return true;
    }
}
