package dev.teak.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.NdArray;
import org.junit.jupiter.api.Test;

/** GradCheck must catch a wrong backward rule and say which op, input, values and seed. */
class GradCheckTest {
    /** y = x^2 with a deliberately wrong derivative (x instead of 2x). */
    static final class WrongSquare extends Node {
        WrongSquare(Tensor x) { super(x); }

        @Override public String name() { return "wrongSquare"; }

        @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g.mul(inputs[0])}; }
    }

    static Tensor wrongSquare(Tensor x) { return Tensor.record(x.data().square(), new WrongSquare(x)); }

    @Test
    void reportsOpInputValuesAndSeed() {
        Tensor x = new Tensor(NdArray.of(new double[] {0.5, 1.5}, 2), true);
        GradCheck.Failure f = assertThrows(GradCheck.Failure.class,
                () -> GradCheck.check("wrongSquare", in -> wrongSquare(in[0]), new Tensor[] {x}, 1234L));
        String m = f.getMessage();
        assertTrue(m.contains("'wrongSquare'") && m.contains("input 0") && m.contains("seed 1234")
                && m.contains("analytic") && m.contains("numeric"), m);
        assertArrayEquals(new double[] {0.5, 1.5}, x.data().toDoubleArray(), 0, "inputs restored after perturbation");
    }

    @Test
    void catchesADetachedFactorAndPassesACorrectCube() {
        Tensor x = new Tensor(NdArray.of(new double[] {0.5, 1.5}, 2), true);
        // Value x^2 but derivative x: the detached factor hides half the dependence.
        java.util.function.Function<Tensor[], Tensor> f = in -> in[0].mul(in[0].detach());
        assertThrows(GradCheck.Failure.class, () -> GradCheck.check("detached", f, new Tensor[] {x}, 7L));
        // A correct function passes both orders.
        GradCheck.check("cube", in -> in[0].pow(3), new Tensor[] {x}, 7L);
        GradGradCheck.check("cube", in -> in[0].pow(3), new Tensor[] {x}, 7L);
    }

    @Test
    void gradGradFailsWhenOnlyTheSecondOrderIsWrong() {
        // Correct value and first derivative (2x), but the backward uses a constant copy of x,
        // so the second derivative is 0 instead of 2: only GradGradCheck can tell.
        final class ConstSquare extends Node {
            ConstSquare(Tensor x) { super(x); }

            @Override public String name() { return "constSquare"; }

            @Override protected Tensor[] backward(Tensor g) { return new Tensor[] {g.mul(inputs[0].detach()).mul(2)}; }
        }
        Tensor x = new Tensor(NdArray.of(new double[] {0.5, -1.5, 2}, 3), true);
        java.util.function.Function<Tensor[], Tensor> f = in -> Tensor.record(in[0].data().square(), new ConstSquare(in[0]));
        GradCheck.check("constSquare", f, new Tensor[] {x}, 3L);
        GradCheck.Failure e = assertThrows(GradCheck.Failure.class, () -> GradGradCheck.check("constSquare", f, new Tensor[] {x}, 3L));
        assertTrue(e.getMessage().contains("constSquare (gradgrad)"), e.getMessage());
    }

    @Test
    void refusesFloat32Inputs() {
        Tensor x = new Tensor(NdArray.of(new float[] {1, 2}, 2), true);
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check("f32", in -> in[0].mul(2), new Tensor[] {x}, 1L));
    }
}
