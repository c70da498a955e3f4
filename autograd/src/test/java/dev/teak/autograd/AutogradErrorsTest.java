package dev.teak.autograd;

import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/** Bad input gets an exception whose message names the op, the shapes and the offending argument. */
class AutogradErrorsTest {
    private static Tensor t(int... shape) { return new Tensor(NdArray.zeros(DType.FLOAT64, shape), true); }

    private static void fails(Class<? extends Throwable> type, Executable e, String... fragments) {
        Throwable th = assertThrows(type, e);
        for (String f : fragments) assertTrue(th.getMessage().contains(f), () -> "'" + f + "' missing from: " + th.getMessage());
    }

    @Test
    void shapesAndArgumentsAreNamed() {
        fails(IllegalArgumentException.class, () -> t(2, 3).matmul(t(2, 3)), "matmul", "[2, 3]");
        fails(IllegalArgumentException.class, () -> Tensor.concat(0, t(2, 3), t(2, 4)), "concat", "[2, 4]", "[2, 3]");
        fails(IllegalArgumentException.class, () -> t(2, 3).gather(0, NdArray.of(new long[] {0, 1}, 2)), "gather", "rank");
        fails(IllegalArgumentException.class, () -> t(2, 3).gather(0, NdArray.zeros(2, 3)), "gather", "int64 or int32", "float32");
        fails(IllegalArgumentException.class, () -> Convolutions.conv2d(t(1, 2, 4, 4), t(3, 1, 2, 2), null, 1, 0), "conv2d", "[1, 2, 4, 4]", "[3, 1, 2, 2]");
        fails(IllegalArgumentException.class, () -> t(2).pad(new int[] {1}, 0), "pad", "pairs");
        fails(IllegalArgumentException.class, () -> t(2).clamp(1, 0), "clamp", "lower bound");
        CsrMatrix a = new CsrMatrix(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, NdArray.zeros(DType.FLOAT64, 2));
        fails(IllegalArgumentException.class, () -> Tensor.spmm(a, t(3), t(2, 2)), "spmm", "[3]", "2 stored entries");
        fails(IllegalArgumentException.class, () -> new Tensor(NdArray.zeros(DType.INT64, 2), true), "requiresGrad", "int64");
    }

    @Test
    void backwardMisuseIsExplained() {
        fails(IllegalArgumentException.class, () -> new Tensor(NdArray.ones(2)).sum().backward(), "does not require grad");
        fails(IllegalArgumentException.class, () -> t(2).mul(2).backward(Tensor.ones(3)), "gradOutput", "[3]", "[2]");
        fails(IllegalArgumentException.class, () -> Autograd.grad(new Tensor[] {t(2).sum()}, new Tensor[] {new Tensor(NdArray.ones(2))},
                null, false, false), "input 0", "does not require grad");
        fails(IllegalStateException.class, () -> t(2).mul(2).requiresGrad(false), "not a leaf", "detach");
    }

    @Test
    void mixedPrecisionGradientsKeepEachInputsDtype() {
        Tensor x = new Tensor(NdArray.of(new float[] {1, 2}, 2), true);
        Tensor w = new Tensor(NdArray.of(new double[] {3, 4}, 2), true);
        x.mul(w).sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertEquals(DType.FLOAT64, w.grad().dtype());
        assertArrayEquals(new float[] {3, 4}, x.grad().data().toFloatArray());
        assertArrayEquals(new double[] {1, 2}, w.grad().data().toDoubleArray());
    }

    @Test
    void castSendsTheGradientBackInTheInputDtype() {
        Tensor x = new Tensor(NdArray.of(new float[] {1, 2, 3}, 3), true);
        x.to(DType.FLOAT64).mul(Tensor.of(new double[] {1, 10, 100}, 3)).sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {1, 10, 100}, x.grad().data().toFloatArray());
    }

    @Test
    void leafGradIsAPrivateCopy() {
        // ADD passes the upstream gradient through unchanged; the leaf must not alias the caller's tensor.
        Tensor x = t(2);
        Tensor seed = Tensor.of(new double[] {1, 2}, 2);
        x.add(1).backward(seed);
        try (GradMode.Guard g = GradMode.noGrad()) { x.grad().mulInPlace(10); }
        assertArrayEquals(new double[] {1, 2}, seed.data().toDoubleArray());
    }

    @Test
    void twoLeavesNeverShareOneGradient() {
        // ADD hands the same gradient to both inputs; the first leaf may keep it, the second must copy.
        Tensor a = t(2), b = t(2);
        a.add(b).mul(Tensor.of(new double[] {3, 4}, 2)).sum().backward();
        assertNotSame(a.grad().data().storage(), b.grad().data().storage());
        try (GradMode.Guard g = GradMode.noGrad()) { a.grad().mulInPlace(10); }
        assertArrayEquals(new double[] {30, 40}, a.grad().data().toDoubleArray());
        assertArrayEquals(new double[] {3, 4}, b.grad().data().toDoubleArray());
    }

    @Test
    void aLeafKeepsAComputedGradientWithoutACopy() {
        // A node whose backward hands out a fresh array it keeps a reference to: the leaf must take
        // that very storage (the copy saved per weight per step), with the same values.
        Tensor w = t(3);
        NdArray[] handedOut = new NdArray[1];
        Node n = new Node(w) {
            @Override public String name() { return "fresh"; }
            @Override protected Tensor[] backward(Tensor g) {
                handedOut[0] = g.data().mul(2);
                return new Tensor[] {new Tensor(handedOut[0])};
            }
        };
        Tensor.fromNode(w.data().copy(), n).sum().backward();
        assertSame(handedOut[0].storage(), w.grad().data().storage());
        assertArrayEquals(new double[] {2, 2, 2}, w.grad().data().toDoubleArray());
    }

    @Test
    void gradientsThatAreViewsIntoOneArrayAreCopied() {
        // concat's backward hands each input a narrowed view of one gradient: the first view starts at
        // offset 0 but spans only half the storage, so neither leaf may keep its view.
        Tensor a = t(2), b = t(2);
        Tensor.concat(0, a, b).mul(Tensor.of(new double[] {1, 2, 3, 4}, 4)).sum().backward();
        try (GradMode.Guard g = GradMode.noGrad()) { a.grad().mulInPlace(10); }
        assertArrayEquals(new double[] {10, 20}, a.grad().data().toDoubleArray());
        assertArrayEquals(new double[] {3, 4}, b.grad().data().toDoubleArray());
        assertNotSame(a.grad().data().storage(), b.grad().data().storage());
    }
}
