package dev.teak.tensor.random;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Goodness-of-fit statistics for the random-number tests. */
final class Stats {
    private Stats() {}

    /**
     * The Kolmogorov-Smirnov statistic {@code D = sup |F_n(x) - F(x)|} of a sample against a
     * continuous CDF. Under the null, {@code P(sqrt(n) D > 1.95) ~ 0.001}.
     */
    static double ks(double[] sample, DoubleUnaryOperator cdf) {
        double[] s = sample.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /** Pearson's {@code sum (O - E)^2 / E}. */
    static double chiSquare(long[] observed, double[] expected) {
        double x = 0;
        for (int i = 0; i < observed.length; i++) {
            double diff = observed[i] - expected[i];
            x += diff * diff / expected[i];
        }
        return x;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** The {@code k}-th central moment. */
    static double centralMoment(double[] x, int k) {
        double m = mean(x), s = 0;
        for (double v : x) s += Math.pow(v - m, k);
        return s / x.length;
    }

    /** Pearson correlation of {@code x[i]} and {@code x[i + lag]}. */
    static double autocorrelation(double[] x, int lag) {
        double m = mean(x), num = 0, den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - m) * (x[i] - m);
            if (i + lag < x.length) num += (x[i] - m) * (x[i + lag] - m);
        }
        return num / den;
    }
}
