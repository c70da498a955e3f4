package dev.teak.tests.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reductions and the softmax family against finite differences, first and second order. */
class ReductionGradPropertiesTest {
    @Test
    void sumAndMeanOverRandomAxes() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 0, 4);
            int[] axes = Inputs.axes(r, s.length);
            boolean keep = r.nextBoolean();
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            Checks.firstOrder("sum", in -> in[0].sum(axes, keep), seed, x);
            Checks.firstOrder("mean", in -> in[0].mean(axes, keep), seed, x);
        });
    }

    @Test
    void varianceProdMaxMin() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length);
            boolean keep = r.nextBoolean();
            Tensor x = Inputs.leaf(r, s, Domain.AWAY_FROM_ZERO);
            int[] axes = Inputs.axes(r, s.length);
            Checks.firstOrder("var", in -> in[0].var(axes, 0, keep), seed, x);
            Checks.firstOrder("prod", in -> in[0].prod(axis, keep), seed, x);
            // Distinct values almost surely: ties (kinks of max) have probability zero with continuous draws.
            Checks.firstOrder("max", in -> in[0].max(axis, keep), seed, x);
            Checks.firstOrder("min", in -> in[0].min(axis, keep), seed, x);
            Checks.firstOrder("max all", in -> in[0].max(), seed, x);
        });
    }

    @Test
    void logsumexpSoftmaxLogSoftmax() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            int[] axes = Inputs.axes(r, s.length);
            boolean keep = r.nextBoolean();
            Checks.firstOrder("logsumexp", in -> in[0].logsumexp(axes, keep), seed, x);
            Checks.firstOrder("softmax", in -> in[0].softmax(axis), seed, x);
            Checks.firstOrder("logSoftmax", in -> in[0].logSoftmax(axis), seed, x);
        });
    }

    @Test
    void cumsumAndStd() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            int[] axes = Inputs.axes(r, s.length);
            Checks.firstOrder("cumsum", in -> in[0].cumsum(axis).square(), seed, x);
            Checks.secondOrder("cumsum", in -> in[0].cumsum(axis).square(), seed, x);
            // std = sqrt(var) has a kink at zero variance: reduce only over axes of size >= 2.
            int[] wide = s.clone();
            for (int d = 0; d < wide.length; d++) wide[d] += 1;
            Checks.firstOrder("std", in -> in[0].std(axes, 1, false), seed, Inputs.leaf(r, wide, Domain.ANY));
        });
    }

    @Test
    void secondOrderOfReductionsAndSoftmax() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 3);
            int axis = r.nextInt(s.length);
            int[] axes = Inputs.axes(r, s.length);
            Tensor x = Inputs.leaf(r, s, Domain.AWAY_FROM_ZERO);
            Checks.secondOrder("sum", in -> in[0].sum(axes, false).square(), seed, x);
            Checks.secondOrder("mean", in -> in[0].mean(axes, true).mul(in[0]), seed, x);
            Checks.secondOrder("var", in -> in[0].var(axes, 0, false), seed, x); // correction 0: no 0/0 on size-1 axes
            Checks.secondOrder("logsumexp", in -> in[0].logsumexp(axes, false), seed, x);
            Checks.secondOrder("softmax", in -> in[0].softmax(axis), seed, x);
            Checks.secondOrder("logSoftmax", in -> in[0].logSoftmax(axis), seed, x);
            Checks.secondOrder("max", in -> in[0].max(axis, false).square(), seed, x);
            Checks.secondOrder("prod", in -> in[0].prod(axis, false), seed, x);
        });
    }
}
