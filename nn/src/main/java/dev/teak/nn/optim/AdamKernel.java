package dev.teak.nn.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's update in float32 arithmetic with float32 moments, one vector pass over a parameter
 * (what {@code torch.optim.Adam(fused=True)} does on the GPU): per element it reads weight,
 * gradient and both moments and writes three of them back, 28 bytes, where the exact float64
 * path moves 92 and converts each element twice. The vector lanes and the scalar tail compute
 * the same float32 operations in the same order, so a value does not depend on where a
 * thread's range ends. Only the machine's preferred float shape is used: a second vector shape
 * in the same JVM makes the JIT's type profiles of the shared Vector API methods polymorphic,
 * and every other kernel then falls back to boxed vectors (a Transformer step ran 6 times slower).
 */
final class AdamKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private AdamKernel() {}

    /**
     * Elements {@code [lo, hi)} of weights {@code w} (from {@code wo}), gradient {@code g} (from
     * {@code go}) and moments {@code m}, {@code v} (from 0):
     * <pre>
     *   w *= shrink;   d = g + l2 w;   m = b1 m + (1 - b1) d;   v = b2 v + (1 - b2) d d
     *   w -= stepSize m / (sqrt(v) / bc2Sqrt + eps)
     * </pre>
     * with {@code stepSize = lr / (1 - b1^t)} and {@code bc2Sqrt = sqrt(1 - b2^t)}, as PyTorch writes it;
     * {@code ob1 = 1 - b1} and {@code ob2 = 1 - b2} come rounded from float64 (in float32,
     * {@code 1 - 0.999f} is 4.7e-5 too large).
     */
    static void step(float[] w, int wo, float[] g, int go, float[] m, float[] v, int lo, int hi,
                     float b1, float ob1, float b2, float ob2, float stepSize, float bc2Sqrt, float eps, float shrink, float l2) {
        int j = lo;
        for (int up = lo + F.loopBound(hi - lo); j < up; j += F.length()) {
            FloatVector wj = FloatVector.fromArray(F, w, wo + j).mul(shrink);
            FloatVector d = FloatVector.fromArray(F, g, go + j).add(wj.mul(l2));
            FloatVector mj = FloatVector.fromArray(F, m, j).mul(b1).add(d.mul(ob1));
            FloatVector vj = FloatVector.fromArray(F, v, j).mul(b2).add(d.mul(ob2).mul(d));
            mj.intoArray(m, j);
            vj.intoArray(v, j);
            wj.sub(mj.mul(stepSize).div(vj.sqrt().div(bc2Sqrt).add(eps))).intoArray(w, wo + j);
        }
        for (; j < hi; j++) {
            float wj = w[wo + j] * shrink, d = g[go + j] + wj * l2;
            m[j] = m[j] * b1 + d * ob1;
            v[j] = v[j] * b2 + d * ob2 * d;
            w[wo + j] = wj - m[j] * stepSize / ((float) Math.sqrt(v[j]) / bc2Sqrt + eps);
        }
    }
}
