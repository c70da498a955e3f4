package dev.teak.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions on whole float vectors, for {@link VectorKernels}, written in plain
 * IEEE arithmetic (add, multiply, fma, divide, bit operations), which the JIT's compiled code and
 * the Vector API's interpreted fallback evaluate identically. The API's own
 * {@code lanewise(EXP)} or {@code lanewise(LOG)} are not: compiled, they call a vector math
 * library; interpreted or before C2 compiles the loop, they call {@code Math.exp} lane by lane,
 * which rounds differently, so the same run gave different results depending on when the JIT
 * finished (a seeded training run was not reproducible in its last digits).
 */
final class VectorMath {
    private VectorMath() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n * LN2_HI is exact for |n| < 2^9 (Cody and Waite 1980): LN2_HI has 9 significant bits.
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    // exp(r) on |r| <= ln2/2 by its Taylor series to r^7: truncation below r^8/8! < 6e-9, far under one ulp.
    private static final float C6 = 1 / 720f, C7 = 1 / 5040f;
    private static final FloatVector V2 = FloatVector.broadcast(S, 1 / 2f), V3 = FloatVector.broadcast(S, 1 / 6f),
            V4 = FloatVector.broadcast(S, 1 / 24f), V5 = FloatVector.broadcast(S, 1 / 120f), ONE = FloatVector.broadcast(S, 1f),
            MINUS_LN2_LO = FloatVector.broadcast(S, -LN2_LO);

    /**
     * e^x lane by lane, within a few ulps of {@code (float) Math.exp(x)} over the whole float
     * range: x = n ln2 + r, e^x = 2^n e^r. Inputs are first clamped to [-104, 89] (e^x is 0 or
     * +inf in float beyond), NaN stays NaN through the clamp and the polynomial, and 2^n is
     * applied as two exact power-of-two factors so results near overflow and in the subnormal
     * range are rounded once, at the last multiplication.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(-104f).min(89f);
        FloatVector t = v.mul(LOG2E).add(ROUND);           // = 1.5 * 2^23 + n exactly, so its bits are ROUND's bits + n
        FloatVector nf = t.sub(ROUND);
        FloatVector r = v.sub(nf.mul(LN2_HI));            // exact: nf * LN2_HI has at most 17 significant bits
        r = nf.fma(MINUS_LN2_LO, r);                     // r - nf * LN2_LO with one rounding
        FloatVector p = r.fma(C7, C6).fma(r, V5).fma(r, V4).fma(r, V3).fma(r, V2).fma(r, ONE).fma(r, ONE);
        IntVector n = t.reinterpretAsInts().sub(ROUND_BITS);  // no float-to-int conversion: it is not intrinsified everywhere
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1), n2 = n.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    // log(x) = k ln2 + log(m) with x = m 2^k, m in [sqrt(1/2), sqrt(2)); log(m) = 2 atanh(s) with
    // s = (m - 1) / (m + 1), |s| <= 0.1716: 2 (s + s^3/3 + ... + s^9/9), the next term below 1e-9 of the sum.
    private static final float SQRT2 = 1.41421356f, L3 = 2 / 3f, L5 = 2 / 5f, L7 = 2 / 7f, L9 = 2 / 9f;
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);

    /**
     * The natural logarithm lane by lane, within a few ulps of {@code (float) Math.log(x)}:
     * subnormals are scaled by 2^23 first; log(0) = -inf, log(+inf) = +inf, negative and NaN
     * inputs give NaN.
     */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(8388608f), tiny);                       // 2^23
        IntVector bits = xs.reinterpretAsInts();
        IntVector k = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
        FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats();   // [1, 2)
        VectorMask<Float> high = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5f), high);
        k = k.add(1, high.cast(I)).sub(23, tiny.cast(I));
        FloatVector kf = k.add(ROUND_BITS).reinterpretAsFloats().sub(ROUND);    // exact int-to-float for |k| < 2^22
        FloatVector s = m.sub(1f).div(m.add(1f)), z = s.mul(s);
        FloatVector r = z.fma(L9, L7).fma(z, FloatVector.broadcast(S, L5)).fma(z, FloatVector.broadcast(S, L3)).mul(z);
        FloatVector logm = s.fma(r, s.mul(TWO));                                   // 2s + s R
        FloatVector y = kf.fma(FloatVector.broadcast(S, LN2_LO), logm).add(kf.mul(LN2_HI));   // k ln2 in two parts
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        return y.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.test(VectorOperators.IS_NAN)));
    }

    // tanh's Taylor series x (1 + T1 x^2 + ... + T9 x^18) below |x| = 0.55, where the terms shrink
    // by about (x / (pi/2))^2 < 0.123 each and the first one left out is below 1e-9 of the sum.
    private static final float[] TANH = {-3.333333333e-01f, 1.333333333e-01f, -5.396825397e-02f, 2.186948854e-02f,
            -8.863235530e-03f, 3.592128037e-03f, -1.455834387e-03f, 5.900274409e-04f, -2.391291142e-04f};

    /**
     * tanh lane by lane, within a few ulps of {@code (float) Math.tanh(x)}: the series for
     * |x| < 0.55 (where 1 - 2 / (e^2|x| + 1) would cancel) and that form with the sign restored
     * above; saturates to +-1, NaN stays NaN.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(TANH[8], TANH[7]).fma(z, FloatVector.broadcast(S, TANH[6])).fma(z, FloatVector.broadcast(S, TANH[5]))
                .fma(z, FloatVector.broadcast(S, TANH[4])).fma(z, FloatVector.broadcast(S, TANH[3])).fma(z, FloatVector.broadcast(S, TANH[2]))
                .fma(z, FloatVector.broadcast(S, TANH[1])).fma(z, FloatVector.broadcast(S, TANH[0])).mul(z);
        FloatVector small = x.fma(p, x);
        FloatVector e = exp(x.abs().mul(2f));
        FloatVector large = ONE.sub(TWO.div(e.add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, x.abs().compare(VectorOperators.LT, 0.55f));
    }

    // erf's Taylor series 2/sqrt(pi) (x - x^3/3 + x^5/10 - x^7/42 + x^9/216 - x^11/1320 + x^13/9360) for |x| < 0.5,
    // where the next term is below 2e-8 of the sum.
    private static final float TWO_OVER_SQRT_PI = 1.12837916709551257f;
    private static final float E3 = -1 / 3f, E5 = 1 / 10f, E7 = -1 / 42f, E9 = 1 / 216f, E11 = -1 / 1320f, E13 = 1 / 9360f;
    // erfc(z) = t exp(-z^2 + P(t)), t = 1 / (1 + z/2), relative error below 1.2e-7 for z >= 0
    // (Numerical Recipes, 2nd ed., sec. 6.2, erfcc: a Chebyshev fit).
    private static final float[] ERFC = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
            0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};

    /**
     * erf(x) lane by lane: the Taylor series below |x| = 0.5 (where 1 - erfc would cancel) and
     * 1 - erfc(|x|) with the sign restored above; a few ulps of {@code (float) erf(x)}. The
     * scalar path's series and continued fraction take 80-300 steps per element, which made
     * GELU the largest cost of a Transformer step. In three pieces so that each inlines into the
     * caller's loop: a vector that crosses a call that did not inline is boxed, and a single
     * method holding erf and exp grew past C2's inlining limits.
     */
    static FloatVector erf(FloatVector x) {
        FloatVector t = erfcT(x);
        return erfFinish(x, t, exp(erfcExponent(x, t)));
    }

    /** t = 1 / (1 + |x| / 2). */
    static FloatVector erfcT(FloatVector x) { return ONE.div(x.abs().fma(0.5f, 1f)); }

    /** The exponent -x^2 + P(t) of erfc(|x|) = t exp(-x^2 + P(t)). */
    static FloatVector erfcExponent(FloatVector x, FloatVector t) { return x.mul(x).neg().add(erfcPolynomial(t)); }

    /** P(t) of erfc(|x|) = t exp(-x^2 + P(t)). */
    static FloatVector erfcPolynomial(FloatVector t) {
        return t.fma(ERFC[9], ERFC[8]).mul(t).add(ERFC[7]).mul(t).add(ERFC[6]).mul(t).add(ERFC[5]).mul(t).add(ERFC[4])
                .mul(t).add(ERFC[3]).mul(t).add(ERFC[2]).mul(t).add(ERFC[1]).mul(t).add(ERFC[0]);
    }

    // GELU and its derivative through the normal distribution function
    //   Phi(x) = erfc(-x/sqrt2)/2, with erfc(a) = t exp(-a^2 + P(t)), a = |x|/sqrt2, t = 1/(1 + a/2),
    //   phi(x) = exp(-x^2/2)/sqrt(2 pi).
    // Phi is taken as c/2 below zero and 1 - c/2 above (c = erfc(a)), so its lower tail keeps its
    // relative accuracy, where 1 + erf(x/sqrt2) would cancel. a^2 = x^2/2 is split as
    // (h + l)/2 with h = x*x and l = fma(x, x, -h) exact, and exp(-l/2) ~ 1 - l/2 multiplies
    // separately: exp(-h/2) alone would carry h's rounding, times h/2, into the tail. Beyond
    // |x| = 20, Phi is 0 or 1 in float; the pieces use x clamped there, so x^2 cannot overflow.
    private static final float INV_SQRT2 = 0.70710678118654752f, INV_SQRT_2PI = 0.39894228040143268f;

    /** x clamped to [-20, 20] (NaN stays NaN). */
    static FloatVector normalClamp(FloatVector x) { return x.max(-20f).min(20f); }

    /** t = 1 / (1 + |x| / (2 sqrt 2)) of the clamped x. */
    static FloatVector normalT(FloatVector xc) { return erfcT(xc.mul(INV_SQRT2)); }

    /**
     * The exponent -h/2 of sqrt(2 pi) phi(x), h = x*x rounded. It is exponentiated apart from
     * P(t): rounded into one float sum with -h/2 (67 at x = -11.6), P lost up to 60 ulps.
     */
    static FloatVector densityExponent(FloatVector xc) { return xc.mul(xc).mul(-0.5f); }

    /** 1 - l/2 = exp(-l/2) to float precision, l = x^2 - h the rounding error of h (|l/2| is below 2^-24 x^2/2). */
    private static FloatVector squareCorrection(FloatVector xc) {
        FloatVector h = xc.mul(xc);
        return xc.fma(xc, h.neg()).fma(-0.5f, 1f);
    }

    /** s = t ep (1 - l/2) / 2 from the clamped x, its t and ep = exp(P(t)): erfc(|x|/sqrt2) / 2 = s d, d = exp(-h/2). */
    static FloatVector normalTailScale(FloatVector xc, FloatVector t, FloatVector ep) {
        return t.mul(squareCorrection(xc)).mul(ep).mul(0.5f);
    }

    /**
     * Phi(x) given half = erfc(|x|/sqrt2)/2: 1/2 + erf(x/sqrt2)/2 by the series where
     * |x/sqrt2| &lt; 0.5, else half below zero and 1 - half above.
     */
    private static FloatVector normalCdf(FloatVector x, FloatVector half) {
        FloatVector tail = ONE.sub(half).blend(half, x.compare(VectorOperators.LT, 0f));
        FloatVector z = x.mul(INV_SQRT2);
        return tail.blend(erfSeries(z).fma(0.5f, 0.5f), z.abs().compare(VectorOperators.LT, 0.5f));
    }

    /** GELU x Phi(x) from s = {@link #normalTailScale} and d = exp(-h/2). */
    static FloatVector gelu(FloatVector x, FloatVector s, FloatVector d) {
        FloatVector lowerTail = x.mul(s).mul(d);       // (x s) d: a subnormal result is rounded once, last
        VectorMask<Float> lower = x.mul(INV_SQRT2).compare(VectorOperators.LE, -0.5f);
        return x.mul(normalCdf(x, s.mul(d))).blend(lowerTail, lower);
    }

    /** GELU's derivative Phi(x) + x phi(x) from s = {@link #normalTailScale} and d = exp(-h/2). */
    static FloatVector geluGrad(FloatVector x, FloatVector s, FloatVector d) {
        return x.mul(d.mul(squareCorrection(normalClamp(x))).mul(INV_SQRT_2PI)).add(normalCdf(x, s.mul(d)));
    }

    /** Picks the series or 1 - erfc by |x| and restores the sign; NaN comes out as NaN. */
    static FloatVector erfFinish(FloatVector x, FloatVector t, FloatVector expOfExponent) {
        FloatVector large = ONE.sub(t.mul(expOfExponent));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(erfSeries(x), x.abs().compare(VectorOperators.LT, 0.5f));     // NaN: t, and so large, is NaN
    }

    /** erf's Taylor series, for |x| &lt; 0.5. */
    private static FloatVector erfSeries(FloatVector x) {
        FloatVector x2 = x.mul(x);
        return x2.fma(E13, E11).mul(x2).add(E9).mul(x2).add(E7).mul(x2).add(E5).mul(x2).add(E3)
                .mul(x2).add(1f).mul(x).mul(TWO_OVER_SQRT_PI);
    }
}
