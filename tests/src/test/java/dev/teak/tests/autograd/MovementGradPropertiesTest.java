package dev.teak.tests.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Movement ops against finite differences. Each is followed by a non-linear op (times a fixed
 * random weight, squared) so that a wrong placement of gradient elements cannot cancel out.
 */
class MovementGradPropertiesTest {
    /** A weighting that makes every output position count differently. */
    private static Tensor weigh(Tensor y, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Tensor w = new Tensor(dev.teak.tensor.NdArray.of(Inputs.values(r, y.numel(), Domain.ANY)).reshape(y.shape()));
        return y.mul(w).add(y.square());
    }

    private static int[] permutation(SplittableRandom r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = p[i]; p[i] = p[j]; p[j] = t; }
        return p;
    }

    @Test
    void reshapePermuteTransposeFlattenContiguous() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 0, 4);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            int[] perm = permutation(r, s.length);
            Checks.firstOrder("reshape", in -> weigh(in[0].reshape(-1), seed), seed, x);
            Checks.firstOrder("permute", in -> weigh(in[0].permute(perm), seed), seed, x);
            Checks.firstOrder("contiguous", in -> weigh(in[0].contiguous(), seed), seed, x);
            if (s.length >= 2) {
                Checks.firstOrder("transpose", in -> weigh(in[0].transpose(0, -1), seed), seed, x);
                Checks.firstOrder("flatten", in -> weigh(in[0].flatten(0, 1), seed), seed, x);
            }
            Checks.firstOrder("unsqueeze", in -> weigh(in[0].unsqueeze(0), seed), seed, x);
            Checks.firstOrder("squeeze", in -> weigh(in[0].squeeze(), seed), seed, x);
            Checks.firstOrder("view", in -> weigh(in[0].contiguous().view(-1), seed), seed, x);
        });
    }

    @Test
    void expandSliceNarrowSelect() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int[] partner = Inputs.broadcastPartner(r, s);
            Tensor small = Inputs.leaf(r, partner, Domain.ANY);
            Checks.firstOrder("expand", in -> weigh(in[0].expand(s), seed), seed, small);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            int axis = r.nextInt(s.length), n = s[axis];
            int start = r.nextInt(n), end = r.nextInt(start, n + 1), step = r.nextInt(1, 3);
            Checks.firstOrder("slice", in -> weigh(in[0].slice(axis, start, end, step), seed), seed, x);
            Checks.firstOrder("narrow", in -> weigh(in[0].narrow(axis, start, end - start), seed), seed, x);
            Checks.firstOrder("select", in -> weigh(in[0].select(axis, start), seed), seed, x);
        });
    }

    @Test
    void diagonal() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 2, 4);
            int a1 = r.nextInt(s.length), a2 = (a1 + 1 + r.nextInt(s.length - 1)) % s.length;
            int offset = r.nextInt(-2, 3);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            Checks.firstOrder("diagonal", in -> weigh(in[0].diagonal(offset, a1, a2), seed), seed, x);
            Checks.secondOrder("diagonal", in -> weigh(in[0].diagonal(offset, a1, a2), seed), seed, x);
        });
    }

    @Test
    void secondOrderThroughMovements() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 3);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            int axis = r.nextInt(s.length);
            Checks.secondOrder("slice+permute", in -> weigh(in[0].slice(axis, 0, s[axis], 2).permute(permutation(new SplittableRandom(seed), s.length)), seed), seed, x);
            // [3, 1] -> [1, 3, 1] -> broadcast [2, 3, 4] -> summed over the new axis: [3, 4]
            Checks.secondOrder("expand", in -> weigh(in[0].unsqueeze(0).expand(2, 3, 4).sum(0, false), seed), seed,
                    Inputs.leaf(r, new int[] {3, 1}, Domain.ANY));
        });
    }
}
