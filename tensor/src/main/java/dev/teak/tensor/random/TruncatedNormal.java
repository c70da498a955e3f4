package dev.teak.tensor.random;

/**
 * Inverse-CDF sampling of a normal {@code N(mean, std^2)} restricted to {@code [lo, hi]}:
 * with {@code a = (lo - mean) / std}, {@code b = (hi - mean) / std} and a uniform {@code u},
 * <pre>
 *   x = mean + std * Phi^-1( Phi(a) + u * (Phi(b) - Phi(a)) ).
 * </pre>
 * When the interval lies mostly above the mean ({@code a + b > 0}) the standardised interval is
 * mirrored to {@code [-b, -a]} and the result negated, so that {@code Phi} is always evaluated
 * where it is small and keeps full relative precision: a truncation at 8 or 30 standard
 * deviations samples as accurately as one at the mean.
 */
final class TruncatedNormal {
    private final double mean, std, lo, hi, a, b, pa, width;
    private final boolean mirrored;

    TruncatedNormal(double mean, double std, double lo, double hi) {
        this.mean = mean;
        this.std = std;
        this.lo = lo;
        this.hi = hi;
        double za = (lo - mean) / std, zb = (hi - mean) / std;
        mirrored = za + zb > 0; // NaN (both infinite) keeps the plain orientation
        a = mirrored ? -zb : za;
        b = mirrored ? -za : zb;
        pa = Gaussian.cdf(a);
        double pb = Gaussian.cdf(b);
        if (pb == 0) {
            throw new IllegalArgumentException("truncatedNormal: the interval [" + lo + ", " + hi + "] lies "
                    + Math.min(Math.abs(za), Math.abs(zb)) + " standard deviations from the mean " + mean
                    + "; its probability underflows double precision");
        }
        width = pb - pa;
    }

    /** The sample for one uniform {@code u} in [0, 1). */
    double sample(double u) {
        double z = Gaussian.inverseCdf(pa + u * width);
        z = Math.min(Math.max(z, a), b); // rounding may step just outside
        double x = mean + std * (mirrored ? -z : z);
        return Math.min(Math.max(x, lo), hi);
    }
}
