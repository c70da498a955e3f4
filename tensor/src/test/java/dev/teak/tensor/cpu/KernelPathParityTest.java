package dev.teak.tensor.cpu;

import static dev.teak.tensor.testing.Shapes.draw;
import static dev.teak.tensor.testing.Shapes.oneIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;
import dev.teak.tensor.testing.ArrayGen;
import dev.teak.tensor.testing.ArrayGen.Range;
import dev.teak.tensor.testing.Close;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The Vector API kernels ({@link KernelPath#vectorOrNull()}) against the scalar kernels
 * ({@link KernelPath#scalar()}) and both against the ops' reference definitions, for every
 * method of {@link Kernels}, on runs of random length (0-100, sometimes 1000-5000, so both
 * the vector body and the scalar tail run) at random offsets into larger arrays.
 */
class KernelPathParityTest {
    private static final Kernels SCALAR = KernelPath.scalar();
    private static final Kernels VECTOR = KernelPath.vectorOrNull();

    /** The ops the kernels take: comparisons and predicates produce bool and never reach them. */
    private static final List<BinaryOp> ARITHMETIC = Arrays.stream(BinaryOp.values()).filter(op -> !op.isPredicate()).toList();
    private static final List<UnaryOp> NON_PREDICATES = Arrays.stream(UnaryOp.values()).filter(op -> !op.isPredicate()).toList();

    /** A float array with a run of {@code n} elements starting at {@code off} and junk around it. */
    record Run(float[] data, int off, int n) {
        @Override public String toString() { return "run of " + n + " at " + off + ": " + Arrays.toString(Arrays.copyOfRange(data, off, off + Math.min(n, 40))); }
    }

    static Gen<Run> runs(Range r) {
        return rs -> {
            int n = oneIn(rs, 10) ? draw(rs, 1000, 3000) : draw(rs, 0, 100);
            int off = draw(rs, 0, 7);
            float[] data = new float[off + n + draw(rs, 0, 5)];
            Arrays.fill(data, (float) ArrayGen.JUNK);
            for (int i = 0; i < n; i++) data[off + i] = (float) ArrayGen.value(rs, DType.FLOAT32, r);
            return new Run(data, off, n);
        };
    }

    /** A second run of the same length. */
    static Gen<Run[]> pairs(Range r) {
        return rs -> {
            Run a = runs(r).generate(rs);
            int off = draw(rs, 0, 7);
            float[] data = new float[off + a.n + 3];
            Arrays.fill(data, (float) ArrayGen.JUNK);
            for (int i = 0; i < a.n; i++) data[off + i] = (float) ArrayGen.value(rs, DType.FLOAT32, r);
            return new Run[] {a, new Run(data, off, a.n)};
        };
    }

    @Test
    void theTestRunnerHasTheVectorModuleAndUsesItUnlessToldNotTo() {
        assertNotNull(VECTOR, "the surefire argLine adds jdk.incubator.vector, so the vector kernels must load");
        // -Dteak.kernels=scalar runs the whole suite on the scalar path
        boolean scalarForced = "scalar".equals(System.getProperty("teak.kernels"));
        if (scalarForced) assertSame(SCALAR, KernelPath.active(), "-Dteak.kernels=scalar selects the scalar kernels");
        else assertEquals(VECTOR.getClass(), KernelPath.active().getClass(), "with the module present the vector kernels are active");
        assertEquals("scalar", SCALAR.describe());
        assertTrue(VECTOR.describe().startsWith("vector ("), VECTOR.describe());
    }

    /** Equal as values: NaN matches NaN, and -0.0 matches 0.0 (max/min may pick either zero). */
    private static void same(String what, float expected, float actual) {
        if (!(expected == actual || Float.isNaN(expected) && Float.isNaN(actual))) {
            throw new AssertionError(what + ": " + actual + ", expected " + expected);
        }
    }

    private static void ulps(String what, float expected, float actual, int ulps) {
        boolean ok = Close.close(expected, actual, 0, ulps * Math.ulp(expected))
                || Math.abs(expected) < 2 * Float.MIN_NORMAL && Math.abs(actual) < 2 * Float.MIN_NORMAL;
        if (!ok) throw new AssertionError(what + ": " + actual + ", expected " + expected + " within " + ulps + " ulps");
    }

    @Test
    void binaryKernelsAgreeOnRunsAndBroadcastScalars() {
        qt().withExamples(200).forAll(Generate.pick(ARITHMETIC), pairs(Range.GENERAL), Generate.range(0, 3))
                .checkAssert((op, ab, mode) -> {
                    int as = mode == 1 ? 0 : 1, bs = mode == 2 ? 0 : 1; // mode 3: both repeated scalars
                    if (mode == 3) { as = 0; bs = 0; }
                    Run a = ab[0], b = ab[1];
                    int n = a.n, oo = 2;
                    float[] s = new float[n + 4], v = new float[n + 4];
                    SCALAR.binary(op, a.data, a.off, as, b.data, b.off, bs, s, oo, n);
                    VECTOR.binary(op, a.data, a.off, as, b.data, b.off, bs, v, oo, n);
                    for (int i = 0; i < n; i++) {
                        float ref = (float) op.apply(a.data[a.off + i * as], b.data[b.off + i * bs]);
                        same(op + " scalar at " + i, ref, s[oo + i]);
                        same(op + " vector at " + i, ref, v[oo + i]);
                    }
                    assertEquals(0f, v[0] + v[1] + v[oo + n] + v[oo + n + 1], "nothing written outside the run");
                });
    }

    @Test
    void unaryKernelsAgree() {
        qt().withExamples(200).forAll(Generate.pick(NON_PREDICATES), runs(Range.GENERAL))
                .checkAssert((op, x) -> {
                    float[] s = new float[x.n + 3], v = new float[x.n + 3];
                    SCALAR.unary(op, x.data, x.off, s, 1, x.n);
                    VECTOR.unary(op, x.data, x.off, v, 1, x.n);
                    for (int i = 0; i < x.n; i++) {
                        float in = x.data[x.off + i], ref = (float) op.apply(in);
                        same(op + "(" + in + ") scalar", ref, s[1 + i]);
                        // Vector exp, log, tanh and sigmoid are approximations accurate to a few ulps; GELU's see Close.geluBound.
                        if (op == UnaryOp.GELU || op == UnaryOp.GELU_GRAD) within(op + "(" + in + ") vector", ref, v[1 + i], Close.geluBound(op, in, ref));
                        else ulps(op + "(" + in + ") vector", ref, v[1 + i], 4);
                    }
                    assertEquals(0f, v[0] + v[x.n + 1], "nothing written outside the run");
                });
    }

    private static void within(String what, float expected, float actual, double bound) {
        if (!Close.close(expected, actual, 0, bound)) throw new AssertionError(what + ": " + actual + ", expected " + expected + " within " + bound);
    }

    @Test
    void reduceKernelsAgree() {
        qt().withExamples(200).forAll(Generate.enumValues(ReduceOp.class), runs(Range.GENERAL))
                .checkAssert((op, x) -> {
                    double ref = op.identity(), abs = 0;
                    for (int i = 0; i < x.n; i++) { ref = op.combine(ref, x.data[x.off + i]); abs += Math.abs(x.data[x.off + i]); }
                    float s = SCALAR.reduce(op, x.data, x.off, x.n), v = VECTOR.reduce(op, x.data, x.off, x.n);
                    if (op == ReduceOp.SUM) {
                        // Both sum in float in different orders: each is within n * eps * sum|x| of the exact sum.
                        double bound = x.n * Math.ulp(1f) * abs;
                        if (!Close.close(ref, s, 0, bound)) throw new AssertionError("scalar sum " + s + ", exact " + ref + " " + x);
                        if (!Close.close(ref, v, 0, bound)) throw new AssertionError("vector sum " + v + ", exact " + ref + " " + x);
                    } else if (op == ReduceOp.PROD) {
                        ulps("prod scalar", (float) ref, s, 0);
                        ulps("prod vector", (float) ref, v, 0);
                    } else {
                        same(op + " scalar " + x, (float) ref, s);
                        same(op + " vector " + x, (float) ref, v);
                    }
                });
    }

    @Test
    void expShiftSumAgreesWithExpThenSum() {
        qt().withExamples(200).forAll(runs(Range.FINITE), Generate.range(-2000, 2000)).checkAssert((x, c) -> {
            float shift = c / 100f;
            for (Kernels k : new Kernels[] {SCALAR, VECTOR}) {
                float[] o = new float[x.n + 2];
                float sum = k.expShiftSum(x.data, x.off, shift, o, 1, x.n);
                double ref = 0, abs = 0;
                for (int i = 0; i < x.n; i++) {
                    float e = (float) Math.exp(x.data[x.off + i] - shift);
                    ulps("exp(" + x.data[x.off + i] + " - " + shift + ") by " + k.describe(), e, o[1 + i], 4);
                    ref += o[1 + i];
                    abs += Math.abs(o[1 + i]);
                }
                // the returned sum is the sum of the values written, in some float order
                if (!Close.close(ref, sum, 0, (x.n + 1) * Math.ulp(1f) * abs)) {
                    throw new AssertionError(k.describe() + ": sum " + sum + ", sum of outputs " + ref + " " + x);
                }
                assertEquals(0f, o[0] + o[x.n + 1], "nothing written outside the run");
            }
        });
    }

    @Test
    void accumulateKernelsAgree() {
        ReduceOp[] ops = {ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MAX, ReduceOp.MIN};
        qt().withExamples(200).forAll(Generate.pick(Arrays.asList(ops)), pairs(Range.GENERAL))
                .checkAssert((op, xy) -> {
                    Run x = xy[0], acc = xy[1];
                    float[] s = acc.data.clone(), v = acc.data.clone();
                    SCALAR.accumulate(op, x.data, x.off, s, acc.off, x.n);
                    VECTOR.accumulate(op, x.data, x.off, v, acc.off, x.n);
                    for (int i = 0; i < x.n; i++) {
                        float ref = (float) op.combine(acc.data[acc.off + i], x.data[x.off + i]);
                        same(op + " scalar at " + i, ref, s[acc.off + i]);
                        same(op + " vector at " + i, ref, v[acc.off + i]);
                    }
                    assertEquals(Arrays.toString(Arrays.copyOf(acc.data, acc.off)), Arrays.toString(Arrays.copyOf(v, acc.off)));
                });
    }

    @Test
    void affineIsOneFusedMultiplyAddOnBothPaths() {
        qt().withExamples(200).forAll(runs(Range.GENERAL), Generate.range(-1000, 1000), Generate.range(-1000, 1000)).checkAssert((x, a, b) -> {
            float scale = a / 64f, shift = b / 8f;
            float[] s = new float[x.n + 2], v = new float[x.n + 2];
            SCALAR.affine(x.data, x.off, scale, shift, s, 1, x.n);
            VECTOR.affine(x.data, x.off, scale, shift, v, 1, x.n);
            for (int i = 0; i < x.n; i++) {
                float xi = x.data[x.off + i];
                // the exact x * scale + shift rounded once to float (specials: IEEE's own rules)
                float ref = Float.isFinite(xi) ? new java.math.BigDecimal(xi).multiply(new java.math.BigDecimal(scale))
                        .add(new java.math.BigDecimal(shift)).floatValue() : xi * scale + shift;
                same("affine scalar at " + i, ref, s[1 + i]);
                same("affine vector at " + i, ref, v[1 + i]);
            }
            assertEquals(0f, v[0]);
            assertEquals(0f, v[x.n + 1], "nothing written past the run");
        });
    }

    @Test
    void axpyAndDotAgree() {
        qt().withExamples(200).forAll(pairs(Range.FINITE), Generate.range(-1000, 1000)).checkAssert((xy, a) -> {
            float alpha = a / 100f;
            Run x = xy[0], y = xy[1];
            float[] s = y.data.clone(), v = y.data.clone();
            SCALAR.axpy(alpha, x.data, x.off, s, y.off, x.n);
            VECTOR.axpy(alpha, x.data, x.off, v, y.off, x.n);
            double dotRef = 0, dotAbs = 0;
            for (int i = 0; i < x.n; i++) {
                double p = (double) alpha * x.data[x.off + i], ref = y.data[y.off + i] + p;
                // the vector path fuses the multiply-add (one rounding), the scalar path rounds twice
                double bound = 2 * Math.ulp((float) (Math.abs(p) + Math.abs(y.data[y.off + i])));
                if (!Close.close(ref, s[y.off + i], 0, bound) || !Close.close(ref, v[y.off + i], 0, bound)) {
                    throw new AssertionError("axpy at " + i + ": scalar " + s[y.off + i] + ", vector " + v[y.off + i] + ", exact " + ref);
                }
                dotRef += (double) x.data[x.off + i] * y.data[y.off + i];
                dotAbs += Math.abs((double) x.data[x.off + i] * y.data[y.off + i]);
            }
            double bound = (x.n + 1) * Math.ulp(1f) * dotAbs;
            float ds = SCALAR.dot(x.data, x.off, y.data, y.off, x.n), dv = VECTOR.dot(x.data, x.off, y.data, y.off, x.n);
            if (!Close.close(dotRef, ds, 0, bound) || !Close.close(dotRef, dv, 0, bound)) {
                throw new AssertionError("dot: scalar " + ds + ", vector " + dv + ", exact " + dotRef);
            }
        });
    }
}
