package dev.teak.tests.autograd;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import java.util.SplittableRandom;

/**
 * Random inputs for the gradient properties: shapes of rank 0-4 (sizes 1-3), broadcast
 * partners, and float64 leaves laid out non-contiguously by default (a transposed or
 * step-2 view over a larger buffer), with values drawn from chosen domains so that checks stay
 * away from kinks and poles.
 */
final class Inputs {
    private Inputs() {}

    /** Where values are drawn from. */
    enum Domain {
        /** uniform in [-2, 2] */
        ANY,
        /** |x| in [0.1, 2], either sign: away from the kink of abs/relu and the pole of 1/x */
        AWAY_FROM_ZERO,
        /** x in [0.1, 2]: log, sqrt, pow bases */
        POSITIVE,
        /** x in [-0.9, 0.9]: tan, atanh-like domains */
        SMALL
    }

    static int[] shape(SplittableRandom r, int minRank, int maxRank) {
        int rank = r.nextInt(minRank, maxRank + 1);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) s[i] = r.nextInt(1, 4);
        return s;
    }

    /** A shape that broadcasts with {@code s} to {@code s}: some axes set to 1, maybe leading axes dropped. */
    static int[] broadcastPartner(SplittableRandom r, int[] s) {
        int drop = s.length == 0 ? 0 : r.nextInt(0, s.length + 1);
        int[] p = new int[s.length - drop];
        for (int i = 0; i < p.length; i++) p[i] = r.nextInt(3) == 0 ? 1 : s[i + drop];
        return p;
    }

    static double value(SplittableRandom r, Domain d) {
        switch (d) {
            case AWAY_FROM_ZERO: return (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.1, 2);
            case POSITIVE: return r.nextDouble(0.1, 2);
            case SMALL: return r.nextDouble(-0.9, 0.9);
            default: return r.nextDouble(-2, 2);
        }
    }

    /** A float64 leaf requiring grad; non-contiguous whenever its shape allows. */
    static Tensor leaf(SplittableRandom r, int[] shape, Domain d) { return new Tensor(array(r, shape, d, true), true); }

    static Tensor contiguousLeaf(SplittableRandom r, int[] shape, Domain d) { return new Tensor(array(r, shape, d, false), true); }

    static NdArray array(SplittableRandom r, int[] shape, Domain d, boolean nonContiguous) {
        int n = dev.teak.tensor.Shape.numel(shape);
        if (!nonContiguous || shape.length == 0) return NdArray.of(values(r, n, d)).reshape(shape);
        if (shape.length >= 2 && r.nextBoolean()) {
            // Stored with the last two axes swapped, then viewed back: a transposed layout.
            int[] swapped = shape.clone();
            swapped[shape.length - 1] = shape[shape.length - 2];
            swapped[shape.length - 2] = shape[shape.length - 1];
            return NdArray.of(values(r, n, d)).reshape(swapped).transpose(-1, -2);
        }
        // Every other element of a buffer twice as long along the first axis.
        int[] doubled = shape.clone();
        doubled[0] *= 2;
        return NdArray.of(values(r, 2 * n, d)).reshape(doubled).slice(0, 0, doubled[0], 2);
    }

    static double[] values(SplittableRandom r, int n, Domain d) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = value(r, d);
        return v;
    }

    /** Random axes of a rank (possibly empty, meaning all), sorted and distinct. */
    static int[] axes(SplittableRandom r, int rank) {
        int[] pick = new int[rank];
        int k = 0;
        for (int a = 0; a < rank; a++) if (r.nextBoolean()) pick[k++] = a - (r.nextBoolean() ? rank : 0);
        return java.util.Arrays.copyOf(pick, k);
    }
}
