package dev.teak.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.UnaryOp;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every elementwise op of the tensor core against finite differences, on random broadcast shapes. */
class ElementwiseGradPropertiesTest {
    static Domain domainOf(UnaryOp op) {
        switch (op) {
            case ABS: case RELU: case RECIPROCAL: return Domain.AWAY_FROM_ZERO;
            case LOG: case LOG1P: case SQRT: case RSQRT: return Domain.POSITIVE;
            case TAN: return Domain.SMALL;
            default: return Domain.ANY;
        }
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"NEG", "ABS", "EXP", "EXPM1", "LOG", "LOG1P", "SQRT", "RSQRT", "RECIPROCAL",
            "SQUARE", "SIN", "COS", "TAN", "TANH", "SIGMOID", "RELU", "ERF", "GELU", "GELU_GRAD"})
    void unaryMatchesFiniteDifferences(UnaryOp op) {
        qt().withExamples(25).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = Inputs.leaf(r, Inputs.shape(r, 0, 4), domainOf(op));
            Checks.firstOrder(op.name(), in -> in[0].apply(op), seed, x);
            Checks.secondOrder(op.name(), in -> in[0].apply(op), seed, x);
        });
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"SIGN", "FLOOR", "CEIL", "ROUND", "TRUNC", "STEP"})
    void piecewiseConstantOpsHaveZeroGradient(UnaryOp op) {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = Inputs.leaf(r, Inputs.shape(r, 0, 3), Domain.AWAY_FROM_ZERO);
            x.apply(op).sum().backward();
            for (double g : x.grad().data().toDoubleArray()) assertEquals(0.0, g, 0.0, op + " seed " + seed);
        });
    }

    static Domain[] domainsOf(BinaryOp op) {
        switch (op) {
            case DIV: return new Domain[] {Domain.ANY, Domain.AWAY_FROM_ZERO};
            case POW: return new Domain[] {Domain.POSITIVE, Domain.ANY};
            case ATAN2: return new Domain[] {Domain.AWAY_FROM_ZERO, Domain.AWAY_FROM_ZERO};
            case REM: return new Domain[] {Domain.POSITIVE, Domain.POSITIVE};
            default: return new Domain[] {Domain.ANY, Domain.ANY};
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV", "POW", "MAX", "MIN", "ATAN2", "REM"})
    void binaryMatchesFiniteDifferencesWithBroadcasting(BinaryOp op) {
        qt().withExamples(25).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 0, 4);
            int[] p = Inputs.broadcastPartner(r, s);
            Domain[] d = domainsOf(op);
            boolean swap = r.nextBoolean();
            Tensor a = Inputs.leaf(r, swap ? p : s, d[0]), b = Inputs.leaf(r, swap ? s : p, d[1]);
            if (op == BinaryOp.REM) a = Inputs.leaf(r, swap ? p : s, Domain.POSITIVE); // quotients near integers are kinks
            if (op == BinaryOp.REM && nearKink(a, b)) return;
            Checks.firstOrder(op.name(), in -> in[0].binary(op, in[1]), seed, a, b);
            Checks.secondOrder(op.name(), in -> in[0].binary(op, in[1]), seed, a, b);
        });
    }

    /** rem(a, b) jumps where a/b is an integer; skip draws that land within 1e-3 of one. */
    private static boolean nearKink(Tensor a, Tensor b) {
        double[] q = a.data().div(b.data()).toDoubleArray();
        for (double v : q) if (Math.abs(v - Math.rint(v)) < 1e-3) return true;
        return false;
    }

    @Test
    void scalarOperandsAndWhereClampMaskedFill() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 0, 4);
            Tensor x = Inputs.leaf(r, s, Domain.AWAY_FROM_ZERO), y = Inputs.leaf(r, Inputs.broadcastPartner(r, s), Domain.ANY);
            Checks.firstOrder("scalar ops", in -> in[0].mul(1.5).add(2).div(3).sub(0.25).pow(2).rsub(1), seed, x);
            Tensor cond = x.gt(0);
            Checks.firstOrder("where", in -> Tensor.where(cond, in[0], in[1]), seed, x, y);
            Checks.firstOrder("maskedFill", in -> in[0].maskedFill(cond, 7.0), seed, x);
            // Data has |x| >= 0.1 drawn at random, so it sits at a bound of +-1 with negligible probability.
            Checks.firstOrder("clamp", in -> in[0].clamp(-1.0, 1.0), seed, Inputs.leaf(r, s, Domain.AWAY_FROM_ZERO));
        });
    }

    @Test
    void comparisonsDoNotRequireGrad() {
        Tensor x = Inputs.leaf(new SplittableRandom(1), new int[] {2, 3}, Domain.ANY);
        assertFalse(x.gt(0).requiresGrad());
        assertFalse(x.lt(x.mul(2)).requiresGrad());
        assertFalse(x.apply(UnaryOp.ISNAN).requiresGrad());
    }
}
