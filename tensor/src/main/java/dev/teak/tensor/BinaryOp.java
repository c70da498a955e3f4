package dev.teak.tensor;

/**
 * Elementwise functions of two arguments. {@link #apply(double, double)} is the reference
 * definition for floating types and {@link #applyLong(long, long)} for integer types.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN, ATAN2, REM,
    EQ, NE, LT, LE, GT, GE, AND, OR, XOR;

    private final String lowerName = name().toLowerCase(java.util.Locale.ROOT);

    /** The op's name as error messages print it ({@code add}, {@code lt}); computed once. */
    public String opName() { return lowerName; }

    /** Comparisons and logical ops produce bool. */
    public boolean isPredicate() { return ordinal() >= EQ.ordinal(); }

    public double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return Math.pow(a, b);
            case MAX: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
            case MIN: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
            case ATAN2: return Math.atan2(a, b);
            case REM: { double r = a % b; return r != 0 && (r < 0) != (b < 0) ? r + b : r; } // Python's %
            case EQ: return a == b ? 1 : 0;
            case NE: return a != b ? 1 : 0;
            case LT: return a < b ? 1 : 0;
            case LE: return a <= b ? 1 : 0;
            case GT: return a > b ? 1 : 0;
            case GE: return a >= b ? 1 : 0;
            case AND: return a != 0 && b != 0 ? 1 : 0;
            case OR: return a != 0 || b != 0 ? 1 : 0;
            case XOR: return (a != 0) != (b != 0) ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }

    public long applyLong(long a, long b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: {
                if (b == 0) throw new ArithmeticException("integer division by zero");
                return Math.floorDiv(a, b);
            }
            case POW: {
                if (b < 0) throw new ArithmeticException("integers to negative integer powers are not allowed");
                long r = 1, base = a;
                for (long e = b; e > 0; e >>= 1) { if ((e & 1) != 0) r *= base; base *= base; }
                return r;
            }
            case MAX: return Math.max(a, b);
            case MIN: return Math.min(a, b);
            case REM: {
                if (b == 0) throw new ArithmeticException("integer remainder by zero");
                return Math.floorMod(a, b);
            }
            case ATAN2: return (long) Math.atan2(a, b);
            // comparisons on the longs themselves: through doubles, 2^53 + 1 would equal 2^53
            case EQ: return a == b ? 1 : 0;
            case NE: return a != b ? 1 : 0;
            case LT: return a < b ? 1 : 0;
            case LE: return a <= b ? 1 : 0;
            case GT: return a > b ? 1 : 0;
            case GE: return a >= b ? 1 : 0;
            default: return (long) apply(a, b);
        }
    }
}
