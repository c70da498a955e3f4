package dev.teak.tensor.random;

import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.Parallel;
import java.util.function.IntFunction;

/**
 * Host-side sampling of category indices from rows of weights (non-negative, not necessarily
 * normalised, like {@code torch.multinomial}) or of logits. The uniforms come from the caller,
 * so the draws belong to the generator's stream.
 *
 * <ul>
 * <li>With replacement: inverse CDF. Row {@code r} has cumulative sums {@code C_j}; sample
 *     {@code s} with uniform {@code u} is the smallest {@code j} with {@code C_j > u * C_(k-1)}
 *     (binary search), uniforms laid out row-major {@code [rows, numSamples]}.</li>
 * <li>Without replacement: the exponential race of Efraimidis and Spirakis (2006). Category
 *     {@code j} gets the arrival time {@code E_j / w_j} with {@code E_j = -ln(1 - u_j)}, an
 *     Exp(1) variate; the first {@code numSamples} arrivals, in order, are a sample without
 *     replacement drawn sequentially with probabilities proportional to the remaining weights.
 *     Times are compared as {@code ln E_j - ln w_j} so that logits and tiny weights work;
 *     uniforms laid out {@code [rows, k]}.</li>
 * </ul>
 */
final class Categorical {
    private Categorical() {}

    /**
     * Samples {@code numSamples} indices per row of {@code values} ({@code rows x k}, row-major,
     * weights or logits). {@code uniforms.apply(count)} returns {@code count} float64 uniforms.
     * Returns the indices row-major {@code [rows, numSamples]}.
     */
    static long[] sample(String op, double[] values, boolean logits, int rows, int k, int numSamples, boolean replacement,
                         IntFunction<double[]> uniforms) {
        double[] prepared = new double[values.length];
        for (int r = 0; r < rows; r++) {
            int positive = validateRow(op, values, logits, replacement, r, k, prepared);
            if (!replacement && positive < numSamples) {
                throw new IllegalArgumentException(op + ": cannot draw " + numSamples + " samples without replacement from row "
                        + r + ", which has only " + positive + " categories of non-zero probability");
            }
        }
        return replacement ? inverseCdf(prepared, rows, k, numSamples, uniforms.apply(rows * numSamples))
                : race(prepared, rows, k, numSamples, uniforms.apply(rows * k));
    }

    /**
     * Checks one row and writes into {@code out} its weights ({@code linear}) or log-weights, both
     * taken relative to the row maximum for logits; returns how many categories have non-zero
     * probability.
     */
    private static int validateRow(String op, double[] v, boolean logits, boolean linear, int r, int k, double[] out) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        int positive = 0;
        for (int j = r * k; j < (r + 1) * k; j++) {
            double x = v[j];
            if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY || (!logits && (x < 0 || Double.isInfinite(x)))) {
                throw new IllegalArgumentException(op + ": " + (logits ? "logit " : "probability ") + x + " at row " + r
                        + ", column " + (j - r * k) + (logits ? " is NaN or +inf" : " is negative, infinite or NaN"));
            }
            if (logits ? x > Double.NEGATIVE_INFINITY : x > 0) positive++;
            max = Math.max(max, x);
            sum += x;
        }
        if (positive == 0) {
            throw new IllegalArgumentException(op + ": row " + r + (logits ? " has every logit -inf" : " sums to " + sum
                    + "; weights must sum to a positive number"));
        }
        for (int j = r * k; j < (r + 1) * k; j++) {
            if (logits) out[j] = linear ? StrictMath.exp(v[j] - max) : v[j] - max;
            else out[j] = linear ? v[j] : StrictMath.log(v[j]);
        }
        return positive;
    }

    private static long[] inverseCdf(double[] weights, int rows, int k, int numSamples, double[] u) {
        long[] out = new long[rows * numSamples];
        Parallel.forRange(rows, Math.max(1, Parallel.GRAIN / (k + numSamples)), (lo, hi) -> {
            double[] cdf = new double[k];
            for (int r = lo; r < hi; r++) {
                double acc = 0;
                int last = 0;
                for (int j = 0; j < k; j++) {
                    double w = weights[r * k + j];
                    if (w > 0) last = j;
                    acc += w;
                    cdf[j] = acc;
                }
                for (int s = 0; s < numSamples; s++) {
                    double target = u[r * numSamples + s] * acc;
                    int a = 0, b = k; // smallest j in [a, b) with cdf[j] > target; b when none
                    while (a < b) {
                        int m = (a + b) >>> 1;
                        if (cdf[m] > target) b = m; else a = m + 1;
                    }
                    out[r * numSamples + s] = a < k ? a : last; // u * total rounded up to total
                }
            }
        });
        return out;
    }

    private static long[] race(double[] logW, int rows, int k, int numSamples, double[] u) {
        double[] time = new double[rows * k];
        for (int i = 0; i < time.length; i++) {
            time[i] = logW[i] == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY
                    : StrictMath.log(-StrictMath.log(1.0 - u[i])) - logW[i];
        }
        NdArray keys = NdArray.of(time, rows, k);
        NdArray sorted = NdArray.zeros(DType.FLOAT64, rows, k), order = NdArray.zeros(DType.INT64, rows, k);
        Backends.cpu().sort(keys, 1, false, sorted, order); // stable: equal times keep index order
        return order.slice(1, 0, numSamples).toLongArray();
    }
}
