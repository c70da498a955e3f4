package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Close;
import dev.teak.tensor.testing.Dense;
import dev.teak.tensor.testing.Shapes;
import dev.teak.tensor.testing.TorchRules;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every {@link UnaryOp} and {@link BinaryOp}, {@code where} and dtype conversion, on random
 * shapes (rank 0-4), random non-contiguous layouts and broadcasting, against
 * {@code UnaryOp.apply} / {@code BinaryOp.apply} evaluated element by element on a naive
 * double reference, with PyTorch's promotion rules as the expected result dtype.
 */
class ElementwisePropertiesTest {

    @Test
    void everyUnaryOpMatchesItsReferenceDefinition() {
        qt().withExamples(400).forAll(Generate.enumValues(UnaryOp.class), ArrayGen.arrays(Range.GENERAL))
                .checkAssert((op, x) -> {
                    DType out = TorchRules.unaryResult(op, x.dtype());
                    // Integer input to a float op is converted to float32 first, as PyTorch does.
                    DType compute = op.isPredicate() || !out.isFloating() ? x.dtype() : out;
                    Dense expected = Dense.read(x).as(compute).map(op::apply).as(out);
                    NdArray y = x.apply(op);
                    Close.dtype(op + " of " + x.dtype(), out, y);
                    if (out == DType.FLOAT32 && (op == UnaryOp.GELU || op == UnaryOp.GELU_GRAD)) {
                        Dense in = Dense.read(x).as(compute);
                        double[] bound = new double[in.data.length];
                        for (int i = 0; i < bound.length; i++) bound[i] = Close.geluBound(op, in.data[i], expected.data[i]);
                        Close.withinBounds(op + " of " + x.dtype(), expected, y, bound);
                    } else {
                        Close.forDType(op + " of " + x.dtype(), out, expected, y);
                    }
                });
    }

    @Test
    void everyBinaryOpMatchesItsReferenceWithBroadcastingAndPromotion() {
        qt().withExamples(400).forAll(Generate.enumValues(BinaryOp.class), ArrayGen.broadcastArrays(2, Range.GENERAL))
                .checkAssert((op, ab) -> {
                    NdArray a = ab[0], b = ab[1];
                    DType common = TorchRules.resultType(a.dtype(), a.dim(), b.dtype(), b.dim());
                    DType compute = TorchRules.binaryCompute(op, common), out = TorchRules.binaryResult(op, common);
                    int[] shape = Shapes.broadcast(a.shape(), b.shape());
                    Dense da = Dense.read(a).as(compute), db = Dense.read(b).as(compute), expected = Dense.zeros(shape);
                    String what = op + " of " + a.dtype() + " and " + b.dtype();
                    try {
                        int[] idx = new int[shape.length];
                        for (int f = 0; f < expected.numel(); f++) {
                            double x = da.atBroadcast(idx), y = db.atBroadcast(idx);
                            if (compute.isFloating()) {
                                expected.data[f] = Dense.convert(op.apply(x, y), out);
                            } else { // integer results wrap around in two's complement (int32 keeps the low 32 bits)
                                long r = op.applyLong((long) x, (long) y);
                                expected.data[f] = out == DType.INT32 ? (int) r : out == DType.BOOL ? (r != 0 ? 1 : 0) : r;
                            }
                            Dense.next(idx, shape);
                        }
                    } catch (ArithmeticException e) {
                        // integer remainder by zero, integer to a negative power: refused, as in PyTorch
                        assertThrows(ArithmeticException.class, () -> Elementwise.binary(op, a, b), what);
                        return;
                    }
                    NdArray r = Elementwise.binary(op, a, b);
                    Close.dtype(what, out, r);
                    Close.exact(what, expected, r);
                });
    }

    @Test
    void promotionFollowsPyTorchForEveryPairOfDTypes() {
        for (DType a : DType.values()) {
            for (DType b : DType.values()) {
                assertEquals(TorchRules.promoteTypes(a, b), DType.promote(a, b), a + " and " + b);
                for (int ra = 0; ra <= 1; ra++) {
                    for (int rb = 0; rb <= 1; rb++) {
                        NdArray x = NdArray.zeros(a, ra == 0 ? new int[0] : new int[] {2});
                        NdArray y = NdArray.zeros(b, rb == 0 ? new int[0] : new int[] {2});
                        DType common = TorchRules.resultType(a, ra, b, rb);
                        String what = a + (ra == 0 ? "[]" : "[2]") + " with " + b + (rb == 0 ? "[]" : "[2]");
                        assertEquals(TorchRules.binaryResult(BinaryOp.ADD, common), x.add(y).dtype(), "add " + what);
                        assertEquals(TorchRules.binaryResult(BinaryOp.DIV, common), x.div(y).dtype(), "div " + what);
                        assertEquals(DType.BOOL, x.lt(y).dtype(), "lt " + what);
                        assertEquals(common, Elementwise.where(NdArray.zeros(DType.BOOL, 2), x, y).dtype(), "where " + what);
                    }
                }
            }
        }
    }

    @Test
    void pythonScalarsKeepTheArrayDTypeUnlessAFractionMeetsIntegers() {
        NdArray i = NdArray.of(new int[] {1, 2, 3});
        assertEquals(DType.INT32, i.add(2).dtype());
        assertEquals(DType.FLOAT32, i.add(0.5).dtype());
        Close.exact("int + 0.5", new Dense(new int[] {3}, new double[] {1.5, 2.5, 3.5}), i.add(0.5));
        assertEquals(DType.FLOAT64, NdArray.of(new double[] {1}).mul(3).dtype());
        assertEquals(DType.INT64, NdArray.of(new boolean[] {true}).add(1).dtype());
        assertEquals(DType.FLOAT32, i.div(2).dtype());
        Close.exact("int / 2", new Dense(new int[] {3}, new double[] {0.5, 1, 1.5}), i.div(2));
    }

    @Test
    void whereSelectsWithBroadcastingOfAllThree() {
        qt().withExamples(300).forAll(ArrayGen.broadcastArrays(3, Range.GENERAL)).checkAssert(abc -> {
            NdArray cond = abc[0].to(DType.BOOL), a = abc[1], b = abc[2];
            DType t = TorchRules.resultType(a.dtype(), a.dim(), b.dtype(), b.dim());
            int[] shape = Shapes.broadcast(Shapes.broadcast(cond.shape(), a.shape()), b.shape());
            Dense c = Dense.read(cond), da = Dense.read(a).as(t), db = Dense.read(b).as(t), expected = Dense.zeros(shape);
            int[] idx = new int[shape.length];
            for (int f = 0; f < expected.numel(); f++) {
                expected.data[f] = c.atBroadcast(idx) != 0 ? da.atBroadcast(idx) : db.atBroadcast(idx);
                Dense.next(idx, shape);
            }
            NdArray r = Elementwise.where(cond, a, b);
            Close.dtype("where", t, r);
            Close.exact("where", expected, r);
        });
    }

    /** maskedFill's pattern (mask and values over runs, the fill a broadcast float32 scalar), which has a loop of its own. */
    @Test
    void whereFillsAScalarIntoRunsOfFloat32() {
        qt().withExamples(200).forAll(Generate.range(1, 5), Generate.range(1, 70), Generate.longRange(0, Long.MAX_VALUE)).checkAssert((rows, cols, seed) -> {
            java.util.Random r = new java.util.Random(seed);
            boolean[] m = new boolean[rows * cols];
            float[] v = new float[rows * cols], expected = new float[rows * cols];
            float fill = (float) r.nextGaussian();
            for (int i = 0; i < v.length; i++) {
                m[i] = r.nextBoolean();
                v[i] = (float) r.nextGaussian();
                expected[i] = m[i] ? fill : v[i];
            }
            // v as a view 3 elements into a longer array: its runs start at an offset
            float[] w = new float[v.length + 3];
            System.arraycopy(v, 0, w, 3, v.length);
            NdArray wide = NdArray.of(w, w.length).narrow(0, 3, v.length).reshape(rows, cols);
            NdArray got = Elementwise.where(NdArray.of(m, rows, cols), NdArray.of(new float[] {fill}, 1), wide);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got.toFloatArray(), 0f);
        });
    }

    @Test
    void conversionBetweenAllDTypesTruncatesTowardZeroAndMapsNonZeroToTrue() {
        Gen<Object[]> cases = rs -> {
            DType from = ArrayGen.dtype(rs), to = ArrayGen.dtype(rs);
            // Out-of-range float-to-int conversion is undefined in PyTorch: only finite values go to integers.
            Range r = to.isIntegral() ? Range.FINITE : Range.GENERAL;
            return new Object[] {ArrayGen.layout(rs, ArrayGen.values(rs, from, Shapes.shapes().generate(rs), r), from), to};
        };
        qt().withExamples(300).forAll(cases.describedAs(c -> ArrayGen.describe((NdArray) c[0]) + " to " + c[1]))
                .checkAssert(c -> {
                    NdArray x = (NdArray) c[0];
                    DType to = (DType) c[1];
                    NdArray y = x.to(to);
                    Close.dtype("to", to, y);
                    Close.exact(x.dtype() + " to " + to, Dense.read(x).as(to), y);
                    if (to == x.dtype()) assertTrue(y == x, "to(its own dtype) returns the array itself");
                    NdArray copy = x.copy();
                    assertTrue(copy.isContiguous() && copy.storage() != x.storage(), "copy is contiguous with its own storage");
                    Close.exact("copy", Dense.read(x), copy);
                });
    }

    @Test
    void clampAndMaskedFillMatchTheirDefinitions() {
        qt().withExamples(300).forAll(ArrayGen.broadcastArrays(2, Range.GENERAL), Generate.range(-30, 30), Generate.range(0, 30))
                .checkAssert((xm, lo, width) -> {
                    NdArray x = xm[0], mask = xm[1].to(DType.BOOL);
                    double a = lo / 2.0, b = a + width / 2.0;
                    // clamp(x, a, b) = min(max(x, a), b), NaN staying NaN; integers meeting a fraction become float32
                    NdArray c = Elementwise.clamp(x, a, b);
                    DType t = c.dtype();
                    Close.exact("clamp", Dense.read(x).as(t).map(v -> Double.isNaN(v) ? v : Math.min(Math.max(v, a), b)).as(t), c);
                    // masked_fill keeps x's dtype and shape broadcast with the mask
                    int[] shape = Shapes.broadcast(x.shape(), mask.shape());
                    NdArray m = Elementwise.maskedFill(x, mask, a);
                    Close.dtype("masked_fill", x.dtype(), m);
                    Dense dx = Dense.read(x), dm = Dense.read(mask), expected = Dense.zeros(shape);
                    int[] idx = new int[shape.length];
                    for (int f = 0; f < expected.numel(); f++) {
                        expected.data[f] = dm.atBroadcast(idx) != 0 ? Dense.convert(a, x.dtype()) : dx.atBroadcast(idx);
                        Dense.next(idx, shape);
                    }
                    Close.exact("masked_fill", expected, m);
                });
    }

    @Test
    void pythonScalarOperandsFollowTheWrappedNumberRule() {
        // torch: a Python int keeps an integer tensor's dtype (bool becomes int64), a Python float
        // turns integers into the default float32, and floating tensors keep their dtype.
        qt().withExamples(300).forAll(ArrayGen.arrays(Range.FINITE), Generate.range(-8, 8), Generate.booleans(), Generate.range(0, 4))
                .checkAssert((x, k, fraction, which) -> {
                    double s = fraction ? k + 0.5 : k;
                    DType in = x.dtype();
                    DType t = in.isFloating() ? in : fraction ? DType.FLOAT32 : in == DType.BOOL ? DType.INT64 : in;
                    BinaryOp op = new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.GT, BinaryOp.EQ}[which];
                    NdArray r;
                    switch (op) {
                        case ADD: r = x.add(s); break;
                        case SUB: r = x.sub(s); break;
                        case MUL: r = x.mul(s); break;
                        case GT: r = x.gt(s); break;
                        default: r = x.eq(s);
                    }
                    DType out = op.isPredicate() ? DType.BOOL : t;
                    Close.dtype(op + " " + in + " with " + s, out, r);
                    Close.exact(op + " with " + s, Dense.read(x).as(t).map(v -> t.isFloating()
                            ? Dense.convert(op.apply(v, Dense.convert(s, t)), out)
                            : op.applyLong((long) v, (long) s)).as(out), r);
                });
    }
}
