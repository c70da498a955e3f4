package dev.teak.tensor.testing;

import static dev.teak.tensor.DType.BOOL;
import static dev.teak.tensor.DType.FLOAT32;
import static dev.teak.tensor.DType.FLOAT64;
import static dev.teak.tensor.DType.INT32;
import static dev.teak.tensor.DType.INT64;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;

/**
 * PyTorch's dtype rules written out as tables and cases, independently of the library's own
 * code, for the tests to check against. Sources: the "Type promotion" section of the
 * {@code torch.Tensor} attributes documentation and {@code torch.promote_types}.
 */
public final class TorchRules {
    private TorchRules() {}

    /** {@code torch.promote_types} for the five dtypes, row and column in {@link DType} order. */
    private static final DType[][] PROMOTE = {
        //           bool     int32    int64    float32  float64
        /* bool  */ {BOOL,    INT32,   INT64,   FLOAT32, FLOAT64},
        /* int32 */ {INT32,   INT32,   INT64,   FLOAT32, FLOAT64},
        /* int64 */ {INT64,   INT64,   INT64,   FLOAT32, FLOAT64},
        /* f32   */ {FLOAT32, FLOAT32, FLOAT32, FLOAT32, FLOAT64},
        /* f64   */ {FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64},
    };

    public static DType promoteTypes(DType a, DType b) { return PROMOTE[a.ordinal()][b.ordinal()]; }

    /** Category for the zero-dim rule: boolean &lt; integral &lt; floating. */
    public static int category(DType t) { return t == BOOL ? 0 : t.isFloating() ? 2 : 1; }

    /**
     * {@code torch.result_type} of two tensors: a zero-dim operand only decides the type when
     * its category is higher than the dimensioned operand's ({@code int32[n] + int64[]} is
     * int32, {@code int32[n] + float64[]} is float64, {@code float32[n] + float64[]} is float32).
     */
    public static DType resultType(DType a, int rankA, DType b, int rankB) {
        if ((rankA == 0) == (rankB == 0)) return promoteTypes(a, b);
        DType dimensioned = rankA == 0 ? b : a, zeroDim = rankA == 0 ? a : b;
        return category(zeroDim) > category(dimensioned) ? zeroDim : dimensioned;
    }

    /**
     * The dtype of {@code op(a, b)}: the result type, except that comparisons and logical ops
     * give bool and true division of integers gives float32 (the default float dtype). Teak
     * computes arithmetic on two bools in int64 (PyTorch keeps some in bool and refuses others).
     */
    public static DType binaryResult(BinaryOp op, DType common) {
        if (op.isPredicate()) return BOOL;
        if (!common.isFloating() && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) return FLOAT32;
        return common == BOOL ? INT64 : common;
    }

    /** The dtype the operands are converted to before {@code op} runs. */
    public static DType binaryCompute(BinaryOp op, DType common) {
        if (!common.isFloating() && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) return FLOAT32;
        return common == BOOL && !op.isPredicate() ? INT64 : common;
    }

    /** The dtype of {@code op(x)}: predicates give bool, integer-valued ops keep integers (bool to int64), the rest float. */
    public static DType unaryResult(UnaryOp op, DType in) {
        if (op.isPredicate()) return BOOL;
        if (in.isFloating()) return in;
        if (op.keepsIntegers()) return in == BOOL ? INT64 : in;
        return FLOAT32;
    }

    /** Sums and products of integers and bools accumulate in int64; any/all give bool; max/min keep the dtype. */
    public static DType reduceResult(ReduceOp op, DType in) {
        if (op == ReduceOp.ANY || op == ReduceOp.ALL) return BOOL;
        if ((op == ReduceOp.SUM || op == ReduceOp.PROD) && !in.isFloating()) return INT64;
        return in;
    }
}
