package dev.teak.tests.autograd;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** gather, scatter-add, index-select, index-add, concat, stack, split and pad against finite differences. */
class IndexingGradPropertiesTest {
    /** Random int64 indices in [0, size) (repeats included, so scatters collide). */
    private static NdArray indices(SplittableRandom r, int[] shape, int size) {
        long[] v = new long[dev.teak.tensor.Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(size);
        return NdArray.of(v).reshape(shape);
    }

    @Test
    void gatherAndScatterAdd() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length);
            int[] is = s.clone();
            for (int d = 0; d < is.length; d++) is[d] = d == axis ? r.nextInt(1, 5) : r.nextInt(1, s[d] + 1);
            NdArray index = indices(r, is, s[axis]);
            Tensor x = Inputs.leaf(r, s, Domain.ANY), src = Inputs.leaf(r, is, Domain.ANY);
            Checks.firstOrder("gather", in -> in[0].gather(axis, index).square(), seed, x);
            Checks.firstOrder("scatterAdd", in -> in[0].scatterAdd(axis, index, in[1]).square(), seed, x, src);
            Checks.secondOrder("gather", in -> in[0].gather(axis, index).square(), seed, x);
            Checks.secondOrder("scatterAdd", in -> in[0].scatterAdd(axis, index, in[1]).square(), seed, x, src);
        });
    }

    @Test
    void indexSelectAndIndexAdd() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length), k = r.nextInt(1, 5);
            NdArray index = indices(r, new int[] {k}, s[axis]);
            int[] srcShape = s.clone();
            srcShape[axis] = k;
            Tensor x = Inputs.leaf(r, s, Domain.ANY), src = Inputs.leaf(r, srcShape, Domain.ANY);
            Checks.firstOrder("indexSelect", in -> in[0].indexSelect(axis, index).square(), seed, x);
            Checks.firstOrder("indexAdd", in -> in[0].indexAdd(axis, index, in[1]).square(), seed, x, src);
        });
    }

    @Test
    void orderStatistics() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length), k = r.nextInt(1, s[axis] + 1);
            boolean flag = r.nextBoolean();
            // Continuous draws are distinct almost surely, so the order is locally constant.
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            Checks.firstOrder("sort", in -> in[0].sort(axis, flag).values().square(), seed, x);
            Checks.firstOrder("topk", in -> in[0].topk(k, axis, flag).values().square(), seed, x);
            Checks.firstOrder("kthvalue", in -> in[0].kthvalue(k, axis, flag).values().square(), seed, x);
            Checks.firstOrder("median", in -> in[0].median(axis, flag).values().square(), seed, x);
        });
    }

    @Test
    void concatStackSplitPad() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int axis = r.nextInt(s.length);
            int[] s2 = s.clone();
            s2[axis] = r.nextInt(1, 4);
            Tensor a = Inputs.leaf(r, s, Domain.ANY), b = Inputs.leaf(r, s2, Domain.ANY), c = Inputs.leaf(r, s, Domain.ANY);
            Checks.firstOrder("concat", in -> Tensor.concat(axis, in[0], in[1], in[2]).square(), seed, a, b, c);
            Checks.firstOrder("stack", in -> Tensor.stack(axis, in[0], in[1]).square(), seed, a, c);
            int size = r.nextInt(1, 3);
            Checks.firstOrder("split", in -> {
                Tensor[] parts = in[0].split(size, axis);
                Tensor acc = parts[0].square().sum();
                for (int i = 1; i < parts.length; i++) acc = acc.add(parts[i].mul(i + 1.0).sin().sum());
                return acc;
            }, seed, b);
            int[] pads = new int[2 * r.nextInt(1, s.length + 1)];
            for (int i = 0; i < pads.length; i++) pads[i] = r.nextInt(3);
            double value = r.nextBoolean() ? 0 : 1.5;
            Checks.firstOrder("pad", in -> in[0].pad(pads, value).square(), seed, a);
            Checks.secondOrder("concat", in -> Tensor.concat(axis, in[0], in[1]).square(), seed, a, b);
        });
    }
}
