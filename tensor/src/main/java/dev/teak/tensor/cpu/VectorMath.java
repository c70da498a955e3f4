package dev.teak.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions on whole float vectors, for {@link VectorKernels}. On JDK 17 the
 * Vector API's own {@code lanewise(EXP)} is not intrinsified and runs about 50 ns per element
 * (a scalar call per lane); this one is a handful of FMAs per vector.
 */
final class VectorMath {
    private VectorMath() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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
    static FloatVector erfcExponent(FloatVector x, FloatVector t) {
        FloatVector p = t.fma(ERFC[9], ERFC[8]).mul(t).add(ERFC[7]).mul(t).add(ERFC[6]).mul(t).add(ERFC[5]).mul(t).add(ERFC[4])
                .mul(t).add(ERFC[3]).mul(t).add(ERFC[2]).mul(t).add(ERFC[1]).mul(t).add(ERFC[0]);
        return x.mul(x).neg().add(p);
    }

    /** Picks the series or 1 - erfc by |x| and restores the sign; NaN comes out as NaN. */
    static FloatVector erfFinish(FloatVector x, FloatVector t, FloatVector expOfExponent) {
        FloatVector x2 = x.mul(x);
        FloatVector small = x2.fma(E13, E11).mul(x2).add(E9).mul(x2).add(E7).mul(x2).add(E5).mul(x2).add(E3)
                .mul(x2).add(1f).mul(x).mul(TWO_OVER_SQRT_PI);
        FloatVector large = ONE.sub(t.mul(expOfExponent));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, x.abs().compare(VectorOperators.LT, 0.5f));     // NaN: t, and so large, is NaN
    }
}
