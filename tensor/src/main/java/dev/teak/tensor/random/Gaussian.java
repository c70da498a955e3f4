package dev.teak.tensor.random;

/**
 * The standard normal distribution in double precision: density {@code phi}, distribution
 * function {@code Phi}, its complement, and the quantile function {@code Phi^-1}, accurate to a
 * few parts in 10^15 <em>relative</em> also deep in the tails (down to the smallest doubles),
 * which inverse-CDF sampling of truncated normals needs.
 *
 * <p>Methods:
 * <ul>
 * <li>{@code Phi(-t)} for {@code t < 1.5} by Marsaglia's series (J. Stat. Softw. 11(4), 2004)
 *     {@code Phi(-t) = 1/2 - phi(t) (t + t^3/3 + t^5/(3*5) + ...)}, whose terms share one sign;</li>
 * <li>{@code Phi(-t)} for {@code t >= 1.5} as {@code phi(t) R(t)} with Mills' ratio
 *     {@code R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...))))} (Laplace's continued fraction),
 *     evaluated by the modified Lentz method;</li>
 * <li>{@code Phi^-1} by Acklam's rational approximation (relative error below 1.15e-9), then one
 *     Halley step {@code x -= e / (1 + x e / 2)} with {@code e = (Phi(x) - p) / phi(x)}, which
 *     cubes the error (Acklam's own refinement).</li>
 * </ul>
 */
public final class Gaussian {
    private Gaussian() {}

    private static final double LOG_SQRT_2PI = 0.91893853320467274178; // ln(sqrt(2 pi))
    private static final double INV_SQRT_2PI = 0.39894228040143267794; // 1 / sqrt(2 pi)
    /**
     * Below this the series is used, above it the continued fraction: at 1.5 the series loses at
     * most a factor 0.5 / Phi(-1.5) = 7.5 to cancellation and the fraction needs under 200 terms.
     */
    private static final double SERIES_LIMIT = 1.5;

    /**
     * The density {@code phi(x) = exp(-x^2/2) / sqrt(2 pi)}. The square is split as
     * {@code x = h + l} with {@code h} a multiple of 1/16, so that {@code h^2} is exact and the
     * exponent keeps full relative precision for large {@code |x|} (Cody's device).
     */
    public static double pdf(double x) {
        double t = Math.abs(x);
        if (Double.isNaN(t)) return t;
        if (t > 40) return 0.0; // exp(-800) is below the smallest double
        double h = Math.floor(t * 16) / 16, l = t - h;
        return INV_SQRT_2PI * StrictMath.exp(-0.5 * h * h) * StrictMath.exp(-0.5 * l * (t + h));
    }

    /** {@code ln phi(x)}, finite for every finite {@code x}. */
    public static double logPdf(double x) {
        return -0.5 * x * x - LOG_SQRT_2PI;
    }

    /** {@code Phi(x) = P(Z <= x)}. */
    public static double cdf(double x) {
        if (Double.isNaN(x)) return x;
        return x <= 0 ? lowerTail(-x) : 1.0 - lowerTail(x);
    }

    /** {@code 1 - Phi(x) = P(Z > x)}, without cancellation for large {@code x}. */
    public static double complementaryCdf(double x) {
        if (Double.isNaN(x)) return x;
        return x >= 0 ? lowerTail(x) : 1.0 - lowerTail(-x);
    }

    /** {@code Phi(-t)} for {@code t >= 0}. */
    private static double lowerTail(double t) {
        if (t == Double.POSITIVE_INFINITY) return 0.0;
        if (t < SERIES_LIMIT) {
            // Phi(-t) = 1/2 - phi(t) * sum_n t^(2n+1) / (1*3*...*(2n+1))
            double term = t, sum = t, t2 = t * t;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
                term *= t2 / (2 * n + 1);
                sum += term;
            }
            return 0.5 - pdf(t) * sum;
        }
        return pdf(t) * millsRatio(t);
    }

    /**
     * Mills' ratio {@code R(t) = (1 - Phi(t)) / phi(t)} for {@code t >= 1.5} by the continued
     * fraction {@code R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...))))} (modified Lentz: f = b0 + a1/(b1 +
     * a2/(b2 + ...)) with b_n = t, a_n = n, then R = 1/f).
     */
    static double millsRatio(double t) {
        final double tiny = 1e-300;
        double f = t, c = t, d = 0;
        for (int n = 1; n < 5000; n++) {
            d = t + n * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = t + n / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return 1 / f;
    }

    // Acklam's coefficients (P. J. Acklam, "An algorithm for computing the inverse normal
    // cumulative distribution function", 2003): central region in r = (p - 1/2)^2, tail in
    // q = sqrt(-2 ln p).
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    private static final double P_LOW = 0.02425;

    /**
     * The quantile {@code Phi^-1(p)}: {@code -inf} at 0, {@code +inf} at 1, NaN outside [0, 1].
     * For {@code p > 1/2} it returns {@code -Phi^-1(1 - p)} ({@code 1 - p} is exact there), so the
     * work is always in the lower tail where {@code p} carries full relative precision.
     */
    public static double inverseCdf(double p) {
        if (!(p >= 0 && p <= 1)) return Double.NaN;
        if (p > 0.5) return -lowerInverse(1.0 - p);
        return lowerInverse(p);
    }

    /** {@code Phi^-1(p)} for {@code 0 <= p <= 1/2}; the result is {@code <= 0}. */
    private static double lowerInverse(double p) {
        if (p == 0) return Double.NEGATIVE_INFINITY;
        if (p == 0.5) return 0.0;
        double x;
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * StrictMath.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else {
            double q = p - 0.5, r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        // Halley step on Phi(x) - p = 0. With t = -x: e = (Phi(x) - p) / phi(x). In the far tail
        // phi(x) may underflow, so there e = R(t) - p / phi(t) with p / phi(t) taken in logs.
        double t = -x, e;
        if (t >= SERIES_LIMIT) e = millsRatio(t) - StrictMath.exp(StrictMath.log(p) - logPdf(t));
        else e = (lowerTail(t) - p) / pdf(t);
        return x - e / (1 + x * e / 2);
    }
}
