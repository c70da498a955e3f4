package dev.teak.algorithms.demi;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * Correlated Gaussian views with analytic mutual information (spec section (a)): x ~ N(0, I_d)
 * and y = rho x + sqrt(1 - rho^2) eps, coordinate by coordinate, so
 * I(x; y) = -(d/2) log(1 - rho^2) and rho = sqrt(1 - e^{-2m}) for a per-coordinate MI m.
 *
 * <p>The view x is split into {@code n} contiguous blocks; subview x_n is the first n blocks.
 * When n does not divide d the blocks differ by at most one coordinate (d = 20, N = 8 gives
 * 3,3,3,3,2,2,2,2), so the conditional term of block b carries |b| m nats, exactly I/N only
 * when N divides d. Given a prefix of p coordinates the conditional p(y | x_{1..p}) is exact:
 * y_i ~ N(rho x_i, 1 - rho^2) for i < p and N(0, 1) otherwise.
 */
public final class GaussianViews {
    private final int d;
    private final double rho;

    /** {@code d} coordinates with correlation {@code rho} in (-1, 1) per coordinate. */
    public GaussianViews(int d, double rho) {
        if (d < 1) throw new IllegalArgumentException("GaussianViews: d must be >= 1, got " + d);
        if (!(Math.abs(rho) < 1)) throw new IllegalArgumentException("GaussianViews: |rho| must be < 1, got " + rho);
        this.d = d;
        this.rho = rho;
    }

    /** The views whose total MI is {@code totalMi} nats over {@code d} coordinates. */
    public static GaussianViews withMi(int d, double totalMi) {
        if (!(totalMi > 0)) throw new IllegalArgumentException("GaussianViews: total MI must be > 0, got " + totalMi);
        double m = totalMi / d;
        return new GaussianViews(d, Math.sqrt(-Math.expm1(-2 * m)));   // rho^2 = 1 - e^{-2m}
    }

    public int dim() { return d; }

    public double rho() { return rho; }

    /** I(x; y) = -(d/2) log(1 - rho^2) nats. */
    public double mutualInformation() { return -0.5 * d * Math.log1p(-rho * rho); }

    /** I(x_{1..p}; y) for the first {@code p} coordinates of x. */
    public double prefixMi(int p) { return -0.5 * p * Math.log1p(-rho * rho); }

    /**
     * Prefix lengths of {@code n} nested subviews: block b has d/n or d/n + 1 coordinates (the
     * larger blocks first); the last prefix is d.
     */
    public static int[] prefixes(int d, int n) {
        if (n < 1 || n > d) throw new IllegalArgumentException("subviews: N must lie in [1, " + d + "], got " + n);
        int[] p = new int[n];
        int base = d / n, extra = d % n, at = 0;
        for (int b = 0; b < n; b++) {
            at += base + (b < extra ? 1 : 0);
            p[b] = at;
        }
        return p;
    }

    /**
     * The analytic chain-rule terms: I(x_1; y), then I(x_b; y | x_{b-1}) = (p_b - p_{b-1}) m.
     * They sum to I(x; y).
     */
    public double[] blockTerms(int n) {
        int[] p = prefixes(d, n);
        double[] t = new double[n];
        for (int b = 0; b < n; b++) t[b] = prefixMi(p[b]) - (b == 0 ? 0 : prefixMi(p[b - 1]));
        return t;
    }

    /** A joint sample of {@code b} pairs: {x, y}, each [b, d] float64. */
    public NdArray[] sample(int b, Generator gen) {
        double[] x = gen.randn(DType.FLOAT64, b, d).toDoubleArray();
        double[] e = gen.randn(DType.FLOAT64, b, d).toDoubleArray();
        double s = Math.sqrt(1 - rho * rho);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = rho * x[i] + s * e[i];
        return new NdArray[] {NdArray.of(x, b, d), NdArray.of(y, b, d)};
    }

    /**
     * Candidates for the conditional InfoNCE term given the prefix x_{1..p}: a [b, k, d] array
     * whose slot 0 is the true y_i and slots 1..k-1 are independent draws of p(y | x_{i,1..p}).
     */
    public NdArray conditionalCandidates(NdArray x, NdArray y, int p, int k, Generator gen) {
        return conditionalCandidates(x, y, p, gen.randn(DType.FLOAT64, x.shape()[0], k - 1, d));
    }

    /**
     * The same from pre-drawn standard normal noise [b, k-1, d]: a draw is rho x + sqrt(1-rho^2) e
     * on the prefix and e after it. Terms of one training step share the noise (drawing it is
     * the costly part); each term's negatives are still exact draws of its own conditional.
     */
    public NdArray conditionalCandidates(NdArray x, NdArray y, int p, NdArray noise) {
        int b = x.shape()[0];
        if (p < 0 || p > d) throw new IllegalArgumentException("conditionalCandidates: prefix " + p + " outside [0, " + d + "]");
        if (noise.dim() != 3 || noise.shape()[0] != b || noise.shape()[2] != d) {
            throw new IllegalArgumentException("conditionalCandidates: noise " + dev.teak.tensor.Shape.str(noise.shape())
                    + " should be [" + b + ", k-1, " + d + "]");
        }
        int k = noise.shape()[1] + 1;
        double[] xs = x.toDoubleArray(), ys = y.toDoubleArray();
        double[] e = noise.toDoubleArray();
        double s = Math.sqrt(1 - rho * rho);
        double[] out = new double[b * k * d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(ys, i * d, out, i * k * d, d);
            for (int j = 1; j < k; j++) {
                int o = (i * k + j) * d, r = (i * (k - 1) + j - 1) * d;
                for (int c = 0; c < d; c++) {
                    // earlier blocks: N(rho x_c, 1 - rho^2); the rest: the marginal N(0, 1)
                    out[o + c] = c < p ? rho * xs[i * d + c] + s * e[r + c] : e[r + c];
                }
            }
        }
        return NdArray.of(out, b, k, d);
    }

    /**
     * The optimal critic on the first p coordinates, log p(y | x_{1..p}) / p(y):
     * sum_{i<p} [2 rho x_i y_i - rho^2 (x_i^2 + y_i^2)] / (2 (1 - rho^2)) - (p/2) log(1 - rho^2).
     * Its mean under the joint is I(x_{1..p}; y).
     */
    public double optimalCritic(double[] x, double[] y, int p) {
        double r2 = rho * rho, sum = 0;
        for (int i = 0; i < p; i++) sum += 2 * rho * x[i] * y[i] - r2 * (x[i] * x[i] + y[i] * y[i]);
        return sum / (2 * (1 - r2)) - 0.5 * p * Math.log1p(-r2);
    }
}
