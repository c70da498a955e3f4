package dev.teak.autograd;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.Elementwise;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.UnaryOp;
import java.util.Locale;

/**
 * Elementwise primitives: every {@link UnaryOp} and {@link BinaryOp} of the tensor core,
 * {@code where} and dtype casts. Derivatives are written with Tensor ops (so they are
 * differentiable again); masks such as {@code sign(x)} or {@code x > 0} are constants, which
 * is their true derivative away from the kinks. Predicates produce tensors without grad.
 */
final class PointwiseOps {
    private PointwiseOps() {}

    private static final String[] UNARY_NAMES = names(UnaryOp.values());
    private static final String[] BINARY_NAMES = names(BinaryOp.values());

    private static String[] names(Enum<?>[] ops) {
        String[] n = new String[ops.length];
        for (int i = 0; i < n.length; i++) n[i] = ops[i].name().toLowerCase(Locale.ROOT);
        return n;
    }

    /** A rank-0 constant with the scalar-operand typing of the tensor core. */
    static Tensor scalarLike(Tensor x, double s) { return new Tensor(Elementwise.scalarLike(x.data(), s)); }

    /** A constant (no grad) wrapping an array computed from saved values. */
    private static Tensor c(NdArray a) { return new Tensor(a); }

    // ------------------------------------------------------------------ unary

    static Tensor unary(UnaryOp op, Tensor x) {
        NdArray r = Elementwise.unary(op, x.data());
        if (op.isPredicate() || !Tensor.recording(x)) return new Tensor(r);
        Unary node = new Unary(op, x);
        Tensor y = Tensor.record(r, node);
        node.save(x, y);
        return y;
    }

    /** y = f(x); dx = g * f'(x), with f' from the table below. */
    static final class Unary extends Node {
        final UnaryOp op;

        Unary(UnaryOp op, Tensor x) { super(x); this.op = op; }

        @Override public String name() { return UNARY_NAMES[op.ordinal()]; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor x = saved(0), y = saved(1);
            Tensor d;
            switch (op) {
                case NEG: d = g.neg(); break;
                case ABS: d = g.mul(c(x.data().apply(UnaryOp.SIGN))); break;          // d|x| = sign(x)
                case EXP: d = g.mul(y); break;                                           // d e^x = e^x
                case EXPM1: d = g.mul(y.add(1)); break;
                case LOG: d = g.div(x); break;                                           // d log x = 1/x
                case LOG1P: d = g.div(x.add(1)); break;
                case SQRT: d = g.div(y.mul(2)); break;                                   // d sqrt x = 1/(2 sqrt x)
                case RSQRT: d = g.mul(y.mul(y).mul(y)).mul(-0.5); break;                 // d x^-1/2 = -x^-3/2 / 2
                case RECIPROCAL: d = g.mul(y.mul(y)).neg(); break;                       // d 1/x = -1/x^2
                case SQUARE: d = g.mul(x.mul(2)); break;
                case SIN: d = g.mul(x.cos()); break;
                case COS: d = g.mul(x.sin()).neg(); break;
                case TAN: d = g.mul(y.mul(y).add(1)); break;                             // 1 + tan^2
                case TANH: d = g.mul(y.mul(y).rsub(1)); break;                           // 1 - tanh^2
                case SIGMOID: d = g.mul(y.mul(y.rsub(1))); break;                        // s (1 - s)
                case RELU: d = g.mul(c(x.data().apply(UnaryOp.STEP))); break;
                case ERF: d = g.mul(x.square().neg().exp().mul(2 / Math.sqrt(Math.PI))); break;
                case GELU: d = g.mul(x.apply(UnaryOp.GELU_GRAD)); break;                 // Phi(x) + x phi(x)
                case GELU_GRAD: d = g.mul(x.square().mul(-0.5).exp().mul(x.square().rsub(2)).mul(1 / Math.sqrt(2 * Math.PI))); break; // phi(x) (2 - x^2)
                // Piecewise constant: zero derivative wherever it exists (PyTorch returns zeros too).
                case SIGN: case FLOOR: case CEIL: case ROUND: case TRUNC: case STEP: d = g.mul(0.0); break;
                default: throw new IllegalStateException("backward of '" + name() + "' is not defined");
            }
            return new Tensor[] {d};
        }
    }

    // ------------------------------------------------------------------ binary

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        NdArray r = Elementwise.binary(op, a.data(), b.data());
        if (op.isPredicate() || !Tensor.recording(a, b)) return new Tensor(r);
        Binary node = new Binary(op, a, b);
        Tensor y = Tensor.record(r, node);
        if (op != BinaryOp.ADD && op != BinaryOp.SUB) node.save(a, b, y); // sums need no saved values
        return y;
    }

    /** z = a op b with broadcasting; each gradient is summed back to its input's shape. */
    static final class Binary extends Node {
        final BinaryOp op;

        Binary(BinaryOp op, Tensor a, Tensor b) { super(a, b); this.op = op; }

        @Override public String name() { return BINARY_NAMES[op.ordinal()]; }

        @Override
        protected Tensor[] backward(Tensor g) {
            boolean ga = needsGrad(0), gb = needsGrad(1);
            if (op == BinaryOp.ADD || op == BinaryOp.SUB) {
                Tensor db = gb ? (op == BinaryOp.ADD ? g : g.neg()) : null;
                return new Tensor[] {ga ? reduceTo(g, inputs[0]) : null, gb ? reduceTo(db, inputs[1]) : null};
            }
            Tensor a = saved(0), b = saved(1), y = saved(2);
            Tensor da = null, db = null;
            switch (op) {
                case MUL: da = ga ? g.mul(b) : null; db = gb ? g.mul(a) : null; break;
                case DIV:                                                             // d(a/b) = da/b - a db/b^2
                    da = ga ? g.div(b) : null;
                    db = gb ? g.mul(y).div(b).neg() : null;
                    break;
                case POW:                                                             // d a^b = b a^(b-1) da + a^b log(a) db
                    da = ga ? g.mul(b).mul(a.pow(b.sub(1))) : null;
                    // where a = 0 (and so a^b = 0 for b > 0) the limit of a^b log a is 0, not 0 * -inf (PyTorch's rule).
                    db = gb ? g.mul(where(a.data().eq(0.0), scalarLike(y, 0), y.mul(a.log()))) : null;
                    break;
                case MAX: case MIN: {
                    // The winner takes the gradient; ties split it evenly, as torch.maximum does.
                    NdArray wins = op == BinaryOp.MAX ? a.data().gt(b.data()) : a.data().lt(b.data());
                    NdArray w = wins.to(g.dtype()).add(a.data().eq(b.data()).to(g.dtype()).mul(0.5));
                    da = ga ? g.mul(c(w)) : null;
                    db = gb ? g.mul(c(w.neg().add(1))) : null;
                    break;
                }
                case ATAN2: {                                                         // d atan2(a, b) = (b da - a db) / (a^2 + b^2)
                    Tensor r2 = a.square().add(b.square());
                    da = ga ? g.mul(b).div(r2) : null;
                    db = gb ? g.mul(a).div(r2).neg() : null;
                    break;
                }
                case REM:                                                             // a - floor(a/b) b
                    da = g;
                    db = gb ? g.mul(c(a.data().div(b.data()).apply(UnaryOp.FLOOR))).neg() : null;
                    break;
                default: throw new IllegalStateException("backward of '" + name() + "' is not defined");
            }
            return new Tensor[] {ga ? reduceTo(da, a) : null, gb ? reduceTo(db, b) : null};
        }
    }

    /** The gradient summed over broadcast axes and converted to the input's dtype. */
    static Tensor reduceTo(Tensor g, Tensor input) {
        Tensor r = g.sameShape(input) ? g : ReductionOps.sumToShape(g, input.shape());
        return r.dtype() == input.dtype() ? r : r.to(input.dtype());
    }

    // ------------------------------------------------------------------ where, clamp, cast

    static Tensor where(NdArray cond, Tensor a, Tensor b) {
        NdArray r = Elementwise.where(cond, a.data(), b.data());
        if (!Tensor.recording(a, b)) return new Tensor(r);
        return Tensor.record(r, new Where(cond, a, b));
    }

    /** z = cond ? a : b; each side gets the gradient where it was chosen and 0 elsewhere. */
    static final class Where extends Node {
        final NdArray cond;

        Where(NdArray cond, Tensor a, Tensor b) { super(a, b); this.cond = cond; }

        @Override public String name() { return "where"; }

        @Override
        protected Tensor[] backward(Tensor g) {
            Tensor zero = scalarLike(g, 0);
            Tensor da = needsGrad(0) ? reduceTo(where(cond, g, zero), inputs[0]) : null;
            Tensor db = needsGrad(1) ? reduceTo(where(cond, zero, g), inputs[1]) : null;
            return new Tensor[] {da, db};
        }
    }

    /** clamp(x) = x inside [lo, hi], the bound outside: a where over constant masks. */
    static Tensor clamp(Tensor x, double lo, double hi) {
        if (lo > hi) throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        Tensor inner = where(x.data().lt(lo), scalarLike(x, lo), x);
        return where(x.data().gt(hi), scalarLike(x, hi), inner);
    }

    static Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) return x;
        NdArray r = x.data().to(dtype);
        if (!Tensor.recording(x) || !dtype.isFloating()) return new Tensor(r);
        return Tensor.record(r, new Cast(x));
    }

    /** A dtype conversion: the gradient is converted back. */
    static final class Cast extends Node {
        Cast(Tensor x) { super(x); }

        @Override public String name() { return "to"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g.to(inputs[0].dtype())}; }
    }
}
