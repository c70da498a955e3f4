package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.Reductions;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reductions over random axis sets (short ones per work-item, long ones by work-group trees),
 * arg-max/min and cumsum against the CPU: float32 within relative 1e-4, integers exactly.
 */
class ReduceParityTest {
    static final DType[] ALL = DType.values();

    @BeforeAll static void device() { backend(); }

    @Test
    void reductionsOverRandomAxesMatchTheCpu() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            boolean longAxes = r.nextBoolean(); // reductions over more than 64 elements reach the work-group kernel
            int[] shape = randomShape(r, longAxes ? 2 : 4, longAxes ? 150 : 4);
            if (shape.length == 0) shape = new int[] {3};
            Pair x = view(r, t, shape, r.nextInt(4) == 0);
            int[] axes = java.util.stream.IntStream.range(0, shape.length).filter(d -> r.nextBoolean()).toArray(); // empty: all
            boolean keep = r.nextBoolean();
            for (ReduceOp op : ReduceOp.values()) {
                if (op == ReduceOp.PROD && t.isFloating() && x.cpu().numel() > 40) continue; // products of many values over/underflow alike but carry no signal
                NdArray expected = Reductions.reduce(op, x.cpu(), axes, keep);
                NdArray actual = Reductions.reduce(op, x.dev(), axes, keep);
                assertClose(op + " over " + java.util.Arrays.toString(axes) + " of " + t, expected, actual, 1e-4, 1e-5);
            }
        });
    }

    @Test
    void argMaxMinTakeTheFirstExtremeAsOnTheCpu() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 4, 5);
            if (shape.length == 0) shape = new int[] {4};
            Pair x = view(r, t, shape, true);
            int axis = r.nextInt(shape.length);
            for (boolean max : new boolean[] {true, false}) {
                Reductions.ValuesAndIndices e = max ? Reductions.maxWithIndices(x.cpu(), axis, true) : Reductions.minWithIndices(x.cpu(), axis, true);
                Reductions.ValuesAndIndices a = max ? Reductions.maxWithIndices(x.dev(), axis, true) : Reductions.minWithIndices(x.dev(), axis, true);
                assertExact("values", e.values(), a.values());
                assertExact("indices", e.indices(), a.indices());
            }
        });
    }

    @Test
    void cumsumAccumulatesLikeTheCpu() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 3, 6);
            if (shape.length == 0) shape = new int[] {5};
            Pair x = view(r, t, shape, false);
            int axis = r.nextInt(shape.length);
            // same accumulation order and type (double for floats, long for integers): exact
            assertExact("cumsum of " + t, Reductions.cumsum(x.cpu(), axis), Reductions.cumsum(x.dev(), axis));
        });
    }

    @Test
    void softmaxAndLogSumExpCompositesMatchTheCpu() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            int[] shape = randomShape(r, 3, 6);
            if (shape.length == 0) shape = new int[] {4};
            double scale = r.nextInt(3) == 0 ? 40 : 1; // large logits too
            Pair x = view(r, t, shape, false).map(a -> a.mul(scale));
            int axis = r.nextInt(shape.length);
            double tol = t == DType.FLOAT32 ? 1e-4 : 1e-10;
            assertClose("softmax", Reductions.softmax(x.cpu(), axis), Reductions.softmax(x.dev(), axis), tol, tol);
            assertClose("logSoftmax", Reductions.logSoftmax(x.cpu(), axis), Reductions.logSoftmax(x.dev(), axis), tol, tol);
            int[] axes = {axis};
            assertClose("logsumexp", Reductions.logsumexp(x.cpu(), axes, false), Reductions.logsumexp(x.dev(), axes, false), tol, tol);
        });
    }

    @Test
    void longReductionsOverFewOutputsSplitIntoPartsAndStillMatch() {
        Random r = new Random(5);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.BOOL}) {
            Pair x = view(r, t, new int[] {3, 70_001}, t.isFloating());            // above 2 * ClReduce.CHUNK per output
            for (ReduceOp op : ReduceOp.values()) {
                if (op == ReduceOp.PROD && t.isFloating()) continue;                // 70k factors: 0 or inf on both sides, no signal
                int[][] axesChoices = {{1}, {}};                                     // 3 outputs, or 1 over everything
                for (int[] axes : axesChoices) {
                    NdArray expected = Reductions.reduce(op, x.cpu(), axes, false), actual = Reductions.reduce(op, x.dev(), axes, false);
                    assertClose(op + " of " + t + " over " + java.util.Arrays.toString(axes), expected, actual, 1e-4, 1e-3);
                }
            }
        }
    }

    @Test
    void aLongSumIsReproducibleAndAccurate() {
        int n = 1 << 20;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i % 1000) * 0.001f;
        NdArray dev = NdArray.of(v).to(DEV);
        double exact = 0;
        for (float f : v) exact += f;
        double first = dev.sum().to(Device.CPU).item();
        assertEquals(exact, first, exact * 1e-5);
        for (int i = 0; i < 3; i++) assertEquals(first, dev.sum().to(Device.CPU).item(), 0.0, "same bits every run");
    }
}
