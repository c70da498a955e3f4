package dev.teak.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * erf on whole float vectors, for {@link VectorKernels}. The exponential inside it is the Vector
 * API's {@code lanewise(EXP)}, which JDK 17 on x86-64 compiles to a vectorised library call;
 * an exp written here in FMAs (Cody-Waite reduction and a degree-7 polynomial) was as fast
 * alone, but inside erf's loop it pushed C2 past its inlining budget, the vectors were boxed,
 * and erf ran at 2.1 ns per element instead of 0.7.
 */
final class VectorMath {
    private VectorMath() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

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
        return erfFinish(x, t, erfcExponent(x, t).lanewise(VectorOperators.EXP));
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
