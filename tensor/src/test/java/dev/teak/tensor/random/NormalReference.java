package dev.teak.tensor.random;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An independent, slow reference for the standard normal distribution function in decimal
 * arithmetic: {@code Phi(x) = 1/2 + phi(x) * sum_n x^(2n+1) / (1*3*...*(2n+1))}, with {@code pi}
 * from Machin's formula and {@code exp} from its Taylor series. The sum cancels about
 * {@code x^2 / 2 * log10(e)} digits (308 at {@code x = -37.6}), so each call works with 40 digits
 * more than that.
 */
final class NormalReference {
    private NormalReference() {}

    private static final MathContext MC = new MathContext(420, RoundingMode.HALF_EVEN);

    /** Enough digits for the cancellation at {@code x} plus 40. */
    private static MathContext digitsFor(double x) {
        return new MathContext(40 + (int) Math.ceil(0.2172 * x * x), RoundingMode.HALF_EVEN);
    }
    private static final BigDecimal PI = machinPi();
    private static final BigDecimal SQRT_2PI = PI.multiply(BigDecimal.valueOf(2)).sqrt(MC);

    /** pi = 16 atan(1/5) - 4 atan(1/239). */
    private static BigDecimal machinPi() {
        return atanInverse(5).multiply(BigDecimal.valueOf(16)).subtract(atanInverse(239).multiply(BigDecimal.valueOf(4)), MC);
    }

    /** atan(1/m) = sum_k (-1)^k / ((2k+1) m^(2k+1)). */
    private static BigDecimal atanInverse(int m) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(m), MC), x2 = x.multiply(x, MC);
        BigDecimal power = x, sum = x, eps = BigDecimal.ONE.movePointLeft(430);
        for (int k = 1; power.compareTo(eps) > 0; k++) {
            power = power.multiply(x2, MC);
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), MC);
            sum = k % 2 == 1 ? sum.subtract(term, MC) : sum.add(term, MC);
        }
        return sum;
    }

    /** exp(y) by halving until |y| <= 1/2, a Taylor series, then squaring back. */
    private static BigDecimal exp(BigDecimal y, MathContext mc) {
        int k = 0;
        while (y.abs().compareTo(BigDecimal.valueOf(0.5)) > 0) { y = y.divide(BigDecimal.valueOf(2), mc); k++; }
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE, eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 10);
        for (int n = 1; term.abs().compareTo(eps) > 0; n++) {
            term = term.multiply(y, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, mc);
        return sum;
    }

    static double pdf(double xd) {
        MathContext mc = new MathContext(40, RoundingMode.HALF_EVEN);
        BigDecimal x = new BigDecimal(xd);
        return exp(x.multiply(x, mc).negate().divide(BigDecimal.valueOf(2), mc), mc).divide(SQRT_2PI, mc).doubleValue();
    }

    static double cdf(double xd) {
        MathContext mc = digitsFor(xd);
        BigDecimal x = new BigDecimal(xd), x2 = x.multiply(x, mc);
        BigDecimal density = exp(x2.negate().divide(BigDecimal.valueOf(2), mc), mc).divide(SQRT_2PI, mc);
        BigDecimal term = x, sum = x;
        for (int n = 1; n < 100_000; n++) {
            term = term.multiply(x2, mc).divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(sum.abs().movePointLeft(mc.getPrecision() + 5)) < 0) break;
        }
        return new BigDecimal("0.5").add(density.multiply(sum, mc), mc).doubleValue();
    }
}
