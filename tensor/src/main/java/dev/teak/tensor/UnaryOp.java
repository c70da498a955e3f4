package dev.teak.tensor;

/**
 * Elementwise functions of one argument. {@link #apply(double)} is the reference definition
 * every backend must match; kernels specialise the common ones.
 */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, EXPM1, LOG, LOG1P, SQRT, RSQRT, RECIPROCAL, SQUARE, SIN, COS, TAN, TANH,
    SIGMOID, RELU, ERF, FLOOR, CEIL, ROUND, TRUNC,
    /** Heaviside step: 1 where x &gt; 0, else 0 (the derivative of relu). */
    STEP,
    /** Logical not: 1 where x == 0, else 0 (result is bool). */
    NOT,
    /** GELU, exact form: x &Phi;(x), with &Phi; the standard normal distribution function (torch's default gelu). */
    GELU,
    /** The derivative of GELU: &Phi;(x) + x &phi;(x), with &phi; the standard normal density. */
    GELU_GRAD,
    ISNAN, ISINF;

    /** Whether the result is bool whatever the input. */
    public boolean isPredicate() { return this == NOT || this == ISNAN || this == ISINF; }

    /** Whether the op maps integers to integers exactly (others promote integer input to float32). */
    public boolean keepsIntegers() {
        return this == NEG || this == ABS || this == SIGN || this == SQUARE || this == RELU || this == STEP
                || this == FLOOR || this == CEIL || this == ROUND || this == TRUNC;
    }

    public double apply(double x) {
        switch (this) {
            case NEG: return -x;
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case EXP: return Math.exp(x);
            case EXPM1: return Math.expm1(x);
            case LOG: return Math.log(x);
            case LOG1P: return Math.log1p(x);
            case SQRT: return Math.sqrt(x);
            case RSQRT: return 1.0 / Math.sqrt(x);
            case RECIPROCAL: return 1.0 / x;
            case SQUARE: return x * x;
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TAN: return Math.tan(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            case RELU: return x > 0 ? x : 0.0;
            case ERF: return erf(x);
            case GELU: return x * normalCdf(x);
            case GELU_GRAD: return normalCdf(x) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
            case FLOOR: return Math.floor(x);
            case CEIL: return Math.ceil(x);
            case ROUND: return Math.rint(x);
            case TRUNC: return x < 0 ? Math.ceil(x) : Math.floor(x);
            case STEP: return x > 0 ? 1.0 : 0.0;
            case NOT: return x == 0 ? 1.0 : 0.0;
            case ISNAN: return Double.isNaN(x) ? 1.0 : 0.0;
            case ISINF: return Double.isInfinite(x) ? 1.0 : 0.0;
            default: throw new AssertionError(this);
        }
    }

    private static final double INV_SQRT_2PI = 0.3989422804014327;

    /**
     * Error function to about 1e-15 relative: a series near zero and a continued fraction for
     * the tails (Numerical Recipes' erfc via the complementary incomplete gamma function).
     */
    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < 2.5) {
            // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
            double term = ax, sum = ax, x2 = ax * ax;
            for (int n = 1; n < 80; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
            }
            double r = 2.0 / Math.sqrt(Math.PI) * sum;
            return x < 0 ? -r : r;
        }
        if (ax > 6.0) return x < 0 ? -1.0 : 1.0;
        double erfc = erfcTail(ax);
        return x < 0 ? erfc - 1 : 1 - erfc;
    }

    /** erfc(x) = 1 - erf(x), to about 1e-12 relative also where it is tiny (x up to 27, beyond which it is 0 in double). */
    static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 2.5) return 1 - erf(x);
        return x > 27 ? 0 : erfcTail(x);
    }

    /** The standard normal distribution function &Phi;(x) = erfc(-x / sqrt 2) / 2, accurate in its lower tail too. */
    static double normalCdf(double x) { return 0.5 * erfc(-x * 0.7071067811865476); }

    /** erfc(x) for x &gt;= 2.5: exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) by Lentz's method. */
    private static double erfcTail(double ax) {
        double tiny = 1e-300, f = ax, c = ax, d = 0;
        for (int n = 1; n < 300; n++) {
            double an = n * 0.5;
            d = ax + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = ax + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
    }
}
