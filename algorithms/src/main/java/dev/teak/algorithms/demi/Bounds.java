package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * The contrastive bounds of DEMI on a score matrix {@code s} of shape [B, K] whose column 0 holds
 * each anchor's positive and columns 1..K-1 its negatives. All return one value per anchor
 * ([B]); the estimate is their mean. Every log-sum-exp is the max-shifted one of
 * {@link Tensor#logsumexp}, so in float64 the evaluation is stable for scores in the thousands.
 */
public final class Bounds {
    private Bounds() { }

    /**
     * InfoNCE (and conditional InfoNCE when the negatives come from p(y | x')):
     * I_NCE = s_0 - log( (1/K) sum_k e^{s_k} ) = s_0 - logsumexp_k s_k + log K. The positive
     * is in the sum, so each value is at most log K whatever the critic.
     */
    public static Tensor infoNce(Tensor s) {
        check("infoNce", s);
        int k = s.size(1);
        return s.select(1, 0).sub(s.logsumexp(new int[] {1}, false)).add(Math.log(k));
    }

    /**
     * Self-normalised log-weights of the negatives, log w_k = u_k - logsumexp_j u_j, from the
     * unconditional scores {@code u} [B, K-1] of an estimate of log p(y_k | x') / p(y_k). The
     * weights of each anchor sum to one. They are computed on values: no gradient flows
     * through them (the spec's pitfall "detach w_k in phi's update"; we detach).
     */
    public static Tensor logWeights(Tensor u) {
        if (u.dim() != 2) throw new IllegalArgumentException("logWeights: expected [B, K-1] scores, got " + Shape.str(u.shape()));
        Tensor v = u.detach();
        return v.sub(v.logsumexp(new int[] {1}, true));
    }

    /**
     * The importance-sampled conditional term (spec, efficient approximation, step 3):
     * I_IS = s_0 - log( (1/K) (e^{s_0} + (K-1) sum_{k>=1} w_k e^{s_k}) ), written as
     * s_0 + log K - logsumexp( s_0, log(K-1) + log w_k + s_k ). At most log K (the positive
     * is in the sum); consistent as K grows, not a strict bound at finite K.
     *
     * @param logW [B, K-1] log-weights from {@link #logWeights}, each row summing to one in exp
     */
    public static Tensor importanceSampled(Tensor s, Tensor logW) {
        check("importanceSampled", s);
        int b = s.size(0), k = s.size(1);
        if (logW.dim() != 2 || logW.size(0) != b || logW.size(1) != k - 1) {
            throw new IllegalArgumentException("importanceSampled: log-weights " + Shape.str(logW.shape()) + " do not match scores "
                    + Shape.str(s.shape()) + " (need [" + b + ", " + (k - 1) + "])");
        }
        Tensor pos = s.narrow(1, 0, 1);
        Tensor neg = s.narrow(1, 1, k - 1).add(logW.detach()).add(Math.log(k - 1));
        Tensor lse = Tensor.concat(1, pos, neg).logsumexp(new int[] {1}, false);
        return s.select(1, 0).sub(lse).add(Math.log(k));
    }

    /** Effective sample size of each anchor's weights, 1 / sum_k w_k^2, in [1, K-1]. */
    public static NdArray effectiveSampleSize(Tensor logW) {
        return logW.detach().mul(2).exp().sum(1, false).reciprocal().data();
    }

    private static void check(String op, Tensor s) {
        if (s.dim() != 2 || s.size(1) < 2) {
            throw new IllegalArgumentException(op + ": expected scores [B, K] with K >= 2 (positive in column 0), got " + Shape.str(s.shape()));
        }
    }
}
