package dev.teak.tensor.random;

/**
 * The two elementary functions the normal stream needs, {@code ln v} and
 * {@code (sin 2 pi u, cos 2 pi u)}, written only with IEEE-754 double {@code + - * /}, exact
 * bit manipulation and a fixed evaluation order. Java evaluates such code identically on every
 * JVM (strict semantics since Java 17), and an OpenCL kernel in double precision computes the
 * same bits when it follows the same steps with contraction into fused multiply-adds disabled
 * ({@code #pragma OPENCL FP_CONTRACT OFF}). Library functions ({@code Math.log}, OpenCL's
 * {@code log}) only promise a few ulps, so they cannot define a reproducible stream.
 *
 * <p>Both are accurate to about one ulp: Taylor polynomials on reduced ranges where the
 * remainder is below 1e-19 relative.
 */
public final class PortableMath {
    private PortableMath() {}

    /** ln 2 split as fdlibm does: {@code LN2_HI} has 32 significant bits, so {@code e * LN2_HI} is exact. */
    static final double LN2_HI = 0x1.62e42feep-1, LN2_LO = 0x1.a39ef35793c76p-33;
    static final double SQRT2 = 0x1.6a09e667f3bcdp0;
    /** {@code 1/(2k+1)} for k = 0..11: {@code ln m = 2 s sum_k s^(2k) / (2k+1)} with {@code s = (m-1)/(m+1)}. */
    static final double[] LOG = {0x1.0p0, 0x1.5555555555555p-2, 0x1.999999999999ap-3, 0x1.2492492492492p-3,
        0x1.c71c71c71c71cp-4, 0x1.745d1745d1746p-4, 0x1.3b13b13b13b14p-4, 0x1.1111111111111p-4, 0x1.e1e1e1e1e1e1ep-5,
        0x1.af286bca1af28p-5, 0x1.8618618618618p-5, 0x1.642c8590b2164p-5};
    /** pi / 2 rounded to double. */
    static final double HALF_PI = 0x1.921fb54442d18p0;
    /** {@code (-1)^k / (2k+1)!} for k = 1..8: the sine series after its leading x. */
    static final double[] SIN = {-0x1.5555555555555p-3, 0x1.1111111111111p-7, -0x1.a01a01a01a01ap-13,
        0x1.71de3a556c734p-19, -0x1.ae64567f544e4p-26, 0x1.6124613a86d09p-33, -0x1.ae7f3e733b81fp-41, 0x1.952c77030ad4ap-49};
    /** {@code (-1)^k / (2k)!} for k = 1..9: the cosine series after its leading 1. */
    static final double[] COS = {-0x1.0p-1, 0x1.5555555555555p-5, -0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-16,
        -0x1.27e4fb7789f5cp-22, 0x1.1eed8eff8d898p-29, -0x1.93974a8c07c9dp-37, 0x1.ae7f3e733b81fp-45, -0x1.6827863b97d97p-53};

    /**
     * The natural logarithm of a positive normal double (the stream only asks for
     * {@code v in [2^-53, 1]}; other inputs fall back to {@link StrictMath#log}). Steps:
     * <pre>
     *   v = 2^e m, m in [1, 2) from the bits;  if m > sqrt(2): m = m / 2, e = e + 1
     *   s = (m - 1) / (m + 1);  s2 = s * s                  (|s| &lt;= 0.1716, m - 1 exact)
     *   p = LOG[11];  for k = 10 .. 0: p = p * s2 + LOG[k]
     *   ln v = e * LN2_HI + (e * LN2_LO + (2 * s) * p)
     * </pre>
     */
    public static double log(double v) {
        if (!(v >= Double.MIN_NORMAL) || v == Double.POSITIVE_INFINITY) return StrictMath.log(v);
        long bits = Double.doubleToRawLongBits(v);
        int e = (int) (bits >>> 52) - 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > SQRT2) {
            m = m * 0.5;
            e = e + 1;
        }
        double s = (m - 1) / (m + 1), s2 = s * s;
        double p = LOG[11];
        for (int k = 10; k >= 0; k--) p = p * s2 + LOG[k];
        return e * LN2_HI + (e * LN2_LO + (2 * s) * p);
    }

    /**
     * {@code sin(2 pi u)} into {@code out[at]} and {@code cos(2 pi u)} into {@code out[at + 1]}
     * for {@code u in [0, 1)}. The reduction to an eighth of a turn is exact:
     * <pre>
     *   q = 4 u;  k = floor(q);  f = q - k                   (quadrant k, f in [0, 1))
     *   x = (f &lt;= 0.5 ? f : 1 - f) * HALF_PI                  (x in [0, pi/4])
     *   x2 = x * x
     *   sp = SIN[7];  for j = 6 .. 0: sp = sp * x2 + SIN[j];   s = x + (x * x2) * sp
     *   cp = COS[8];  for j = 7 .. 0: cp = cp * x2 + COS[j];   c = 1 + x2 * cp
     *   if f > 0.5: swap s and c                              (sin(pi/2 - x) = cos x)
     *   by k: (sin, cos) = (s, c), (c, -s), (-s, -c), (-c, s) for k = 0, 1, 2, 3
     * </pre>
     */
    public static void sinCos2Pi(double u, double[] out, int at) {
        double q = 4 * u;
        int k = (int) q;
        double f = q - k;
        double x = (f <= 0.5 ? f : 1 - f) * HALF_PI, x2 = x * x;
        double sp = SIN[7];
        for (int j = 6; j >= 0; j--) sp = sp * x2 + SIN[j];
        double cp = COS[8];
        for (int j = 7; j >= 0; j--) cp = cp * x2 + COS[j];
        double s = x + (x * x2) * sp, c = 1 + x2 * cp;
        if (f > 0.5) { double t = s; s = c; c = t; }
        switch (k & 3) {
            case 0: out[at] = s; out[at + 1] = c; break;
            case 1: out[at] = c; out[at + 1] = -s; break;
            case 2: out[at] = -s; out[at + 1] = -c; break;
            default: out[at] = -c; out[at + 1] = s;
        }
    }
}
