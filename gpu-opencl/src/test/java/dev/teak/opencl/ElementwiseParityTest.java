package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.Elementwise;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every unary and binary op, copy with conversion, fill and where, computed on the CPU and on
 * OpenCL over random shapes and strided/broadcast views: exact for integers, bools, copies and
 * fills; float32 within a few ulp (the device's math library is not Java's), float64 tighter.
 */
class ElementwiseParityTest {
    static final DType[] ALL = DType.values();

    @BeforeAll static void device() { backend(); }

    static double rtol(DType t) { return t == DType.FLOAT32 ? 1e-5 : 1e-12; }

    static double atol(DType t) { return t == DType.FLOAT32 ? 1e-6 : 1e-12; }

    @Test
    void unaryOpsMatchTheCpuOnStridedViews() {
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            Pair x = view(r, t, randomShape(r, 4, 4), true);
            for (UnaryOp op : UnaryOp.values()) {
                NdArray expected = Elementwise.unary(op, x.cpu());
                NdArray actual = Elementwise.unary(op, x.dev());
                DType out = expected.dtype();
                assertClose(op + " on " + t, expected, actual, out.isFloating() ? rtol(out) : 0, out.isFloating() ? atol(out) : 0);
            }
        });
    }

    @Test
    void binaryOpsMatchTheCpuWithBroadcasting() {
        qt().withExamples(120).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType ta = ALL[r.nextInt(ALL.length)], tb = r.nextBoolean() ? ta : ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 4, 4);
            int[] bShape = java.util.Arrays.copyOfRange(shape, r.nextInt(shape.length + 1), shape.length);
            for (int i = 0; i < bShape.length; i++) if (r.nextInt(3) == 0) bShape[i] = 1;
            Pair a = view(r, ta, shape, true), b = view(r, tb, bShape, true);
            for (BinaryOp op : BinaryOp.values()) {
                NdArray expected;
                try {
                    expected = Elementwise.binary(op, a.cpu(), b.cpu());
                } catch (ArithmeticException e) {
                    // integer remainder by zero, negative integer powers: the device must refuse too
                    ArithmeticException d = assertThrows(ArithmeticException.class, () -> Elementwise.binary(op, a.dev(), b.dev()));
                    assertEquals(e.getMessage(), d.getMessage());
                    continue;
                }
                NdArray actual = Elementwise.binary(op, a.dev(), b.dev());
                DType ct = DType.promote(ta, tb);
                // exact: integer arithmetic, comparisons, and the float ops IEEE rounds correctly
                // (division included: the device builds with -cl-fp32-correctly-rounded-divide-sqrt)
                boolean exact = !ct.isFloating() && op != BinaryOp.DIV && op != BinaryOp.ATAN2 || op.isPredicate()
                        || op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV
                        || op == BinaryOp.MAX || op == BinaryOp.MIN || op == BinaryOp.REM;
                String what = op + " on " + ta + ", " + tb;
                if (exact) assertExact(what, expected, actual);
                else assertClose(what, expected, actual, rtol(expected.dtype()), atol(expected.dtype()));
            }
        });
    }

    /**
     * Floats to integers as Java's casts: toward zero, saturating, NaN to 0. Drivers differ on
     * NaN (NVIDIA's 580 gave INT_MIN), so every special value is checked on every run here,
     * not only when the random property happens to draw it.
     */
    @Test
    void floatToIntegerConversionsOfSpecialValuesAreJavasCasts() {
        backend();
        double[] v = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e20, -1e20, 2.5, -2.5, 3e9, -3e9};
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // Java's own casts of the values as stored in t (float32 rounds 3e9 first)
            int[] expectedInt = new int[v.length];
            long[] expectedLong = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                double x = t == DType.FLOAT32 ? (double) (float) v[i] : v[i];   // widening a float is exact
                expectedInt[i] = (int) x;
                expectedLong[i] = (long) x;
            }
            NdArray dev = NdArray.of(v).to(t).to(DEV);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedInt, dev.to(DType.INT32).toIntArray(), t + " to int32");
            org.junit.jupiter.api.Assertions.assertArrayEquals(expectedLong, dev.to(DType.INT64).toLongArray(), t + " to int64");
        }
    }

    @Test
    void copyConvertsEveryDtypePairIntoStridedDestinations() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType from = ALL[r.nextInt(ALL.length)], to = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 4, 4);
            Pair src = view(r, from, shape, true);
            // exact, NaN and infinities to integers included: Java's saturating casts on the device too
            assertExact(from + " to " + to, src.cpu().to(to), src.dev().to(to));
            // into a permuted, sliced destination that is a view of a larger array
            Pair dst = view(r, to, shape, false);
            if (hasStrideZero(dst.cpu())) return; // writing through a broadcast view is not a copy target
            dst.cpu().copyFrom(src.cpu());
            dst.dev().copyFrom(src.dev());
            assertExact("copyFrom " + from + " into strided " + to, dst.cpu(), dst.dev());
        });
    }

    static boolean hasStrideZero(NdArray a) {
        for (int d = 0; d < a.dim(); d++) if (a.stride(d) == 0 && a.size(d) > 1) return true;
        return false;
    }

    @Test
    void fillAndWhereMatchTheCpu() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = ALL[r.nextInt(ALL.length)];
            int[] shape = randomShape(r, 4, 4);
            Pair x = view(r, t, shape, false);
            double value = new double[] {0, 1, -2.75, 3.5e9, Double.NaN, -7}[r.nextInt(6)];
            if (!hasStrideZero(x.cpu())) {
                x.cpu().fill(value);
                x.dev().fill(value);
                assertExact("fill " + value + " " + t, x.cpu(), x.dev());
            }
            Pair cond = view(r, DType.BOOL, shape, false), a = view(r, t, shape, true), b = view(r, t, shape, true);
            assertExact("where " + t, Elementwise.where(cond.cpu(), a.cpu(), b.cpu()), Elementwise.where(cond.dev(), a.dev(), b.dev()));
        });
    }

    @Test
    void mixedDeviceOperandsAreRefusedByName() {
        NdArray cpu = NdArray.of(new float[] {1, 2, 3});
        NdArray dev = cpu.to(DEV);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.add(dev));
        assertEquals("add: expected all arrays on one device, got cpu and opencl:0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dev.matmul(cpu.reshape(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.where(dev.gt(0), dev, cpu));
    }
}
