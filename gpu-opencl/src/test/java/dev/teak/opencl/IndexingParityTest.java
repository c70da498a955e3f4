package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gather, scatter-add (atomic) and stable sort against the CPU backend, and their index errors. */
class IndexingParityTest {
    static final DType[] ALL = DType.values();
    static OpenClBackend dev;
    static final Backend CPU = Backends.cpu();

    @BeforeAll static void device() { dev = backend(); }

    /** Random int64 indices in [-size, size) (negative ones count from the end). */
    static Pair indices(Random r, int[] shape, int size) {
        long[] v = new long[java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(2 * size) - size;
        NdArray cpu = NdArray.of(v).reshape(shape);
        return new Pair(cpu, cpu.to(DEV));
    }

    /** torch.gather/scatter_add allow index.size(d) <= x.size(d) off the axis, and any size on it. */
    static int[] smallerIndexShape(Random r, int[] shape, int axis, int maxAlong) {
        int[] s = new int[shape.length];
        for (int d = 0; d < s.length; d++) s[d] = d == axis ? 1 + r.nextInt(maxAlong) : 1 + r.nextInt(shape[d]);
        return s;
    }

    @Test
    void gatherMatchesTheCpuForEveryDtype() {
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 3, 4);
            if (shape.length == 0) shape = new int[] {3};
            int axis = r.nextInt(shape.length);
            Pair x = view(r, t, shape, false);
            int[] ishape = smallerIndexShape(r, shape, axis, 5);
            Pair idx = indices(r, ishape, shape[axis]);
            NdArray oc = NdArray.zeros(CPU, t, ishape), od = NdArray.zeros(dev, t, ishape);
            CPU.gather(x.cpu(), axis, idx.cpu(), oc);
            dev.gather(x.dev(), axis, idx.dev(), od);
            assertExact("gather " + t, oc, od);
        });
    }

    @Test
    void scatterAddMatchesTheCpu() {
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 3, 4);
            if (shape.length == 0) shape = new int[] {3};
            int axis = r.nextInt(shape.length);
            int[] ishape = smallerIndexShape(r, shape, axis, 6);
            Pair idx = indices(r, ishape, shape[axis]);
            Pair src = view(r, t, ishape, false);
            NdArray base = values(r, t, java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b), false).reshape(shape);
            NdArray tc = base.copy(), td = base.to(DEV);
            CPU.scatterAdd(tc, axis, idx.cpu(), src.cpu());
            dev.scatterAdd(td, axis, idx.dev(), src.dev());
            // atomics add in any order: float sums agree to rounding, integers exactly
            assertClose("scatterAdd " + t, tc, td, t.isFloating() ? 1e-5 : 0, t.isFloating() ? 1e-5 : 0);
        });
    }

    @Test
    void stableSortMatchesTheCpuIncludingTiesAndNaN() {
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 3, r.nextBoolean() ? 5 : 40);
            if (shape.length == 0) shape = new int[] {7};
            int axis = r.nextInt(shape.length);
            Pair x = view(r, t, shape, true);
            boolean desc = r.nextBoolean();
            NdArray vc = NdArray.zeros(CPU, t, shape), ic = NdArray.zeros(CPU, DType.INT64, shape);
            NdArray vd = NdArray.zeros(dev, t, shape), id = NdArray.zeros(dev, DType.INT64, shape);
            CPU.sort(x.cpu(), axis, desc, vc, ic);
            dev.sort(x.dev(), axis, desc, vd, id);
            assertExact("sorted values " + t, vc, vd);
            assertExact("sort indices (stable) " + t, ic, id);
        });
    }

    @Test
    void outOfRangeIndicesThrowTheCpuMessage() {
        NdArray x = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).to(DEV);
        NdArray bad = NdArray.of(new long[] {0, 7}, 1, 2).to(DEV);
        NdArray out = NdArray.zeros(dev, DType.FLOAT32, 1, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> dev.gather(x, 1, bad, out));
        assertEquals("gather: index 7 is out of range for axis 1 of size 3", e.getMessage());
        NdArray neg = NdArray.of(new long[] {-4, 0}, 1, 2).to(DEV);
        e = assertThrows(IndexOutOfBoundsException.class, () -> dev.scatterAdd(x, 1, neg, out));
        assertEquals("scatterAdd: index -4 is out of range for axis 1 of size 3", e.getMessage());
        // the error word is cleared between ops: a good gather after a bad one succeeds
        dev.gather(x, 1, NdArray.of(new long[] {2, -1}, 1, 2).to(DEV), out);
        assertEquals(3f, out.toFloatArray()[0]);
        assertEquals(3f, out.toFloatArray()[1]);
    }
}
