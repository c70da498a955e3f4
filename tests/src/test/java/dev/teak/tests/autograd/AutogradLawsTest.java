package dev.teak.tests.autograd;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.AnomalyMode;
import dev.teak.autograd.Autograd;
import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Identities and engine guarantees: shift laws, stability, accumulation, deep graphs, and the safety errors. */
class AutogradLawsTest {
    @Test
    void logsumexpShiftsByAConstant() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int[] axes = Inputs.axes(r, s.length);
            double c = r.nextDouble(-50, 50);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            double[] lhs = x.add(c).logsumexp(axes, false).data().toDoubleArray();
            double[] rhs = x.logsumexp(axes, false).add(c).data().toDoubleArray();
            assertArrayEquals(rhs, lhs, 1e-12 * 60, "seed " + seed);
        });
    }

    @Test
    void softmaxNearOneThousandStaysFiniteWithItsGradient() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 3);
            int axis = r.nextInt(s.length);
            Tensor x = new Tensor(NdArray.of(Inputs.values(r, dev.teak.tensor.Shape.numel(s), Domain.ANY)).reshape(s).add(1000), true);
            Tensor y = x.softmax(axis);
            Tensor ref = x.sub(1000).softmax(axis);
            assertArrayEquals(ref.data().toDoubleArray(), y.data().toDoubleArray(), 1e-12, "seed " + seed);
            Tensor w = Tensor.of(Inputs.values(r, x.numel(), Domain.ANY)).reshape(s);
            y.mul(w).sum().backward();
            for (double g : x.grad().data().toDoubleArray()) assertTrue(Double.isFinite(g), "finite gradient, seed " + seed);
            // Softmax is shift invariant, so its gradient sums to zero along the axis.
            for (double v : x.grad().sum(axis, false).data().toDoubleArray()) assertEquals(0, v, 1e-12);
            double[] lsm = x.logSoftmax(axis).data().toDoubleArray();
            for (double v : lsm) assertTrue(Double.isFinite(v) && v <= 0);
        });
    }

    @Test
    void twoBackwardCallsAccumulateTwiceOneUntilZeroed() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 0, 3);
            Tensor x = Inputs.leaf(r, s, Domain.ANY);
            x.tanh().mul(x).sum().backward();
            double[] once = x.grad().data().toDoubleArray();
            x.tanh().mul(x).sum().backward();
            double[] twice = x.grad().data().toDoubleArray();
            for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-12 * (1 + Math.abs(once[i])));
            x.zeroGrad();
            assertNull(x.grad());
            x.tanh().mul(x).sum().backward();
            assertArrayEquals(once, x.grad().data().toDoubleArray(), 0);
        });
    }

    @Test
    void aChainOfAMillionNodesBackpropagatesWithoutStackOverflow() throws Exception {
        // On a 256 KiB stack: any recursion per node would overflow long before a million.
        Throwable[] failure = new Throwable[1];
        double[] result = new double[2];
        Thread t = new Thread(null, () -> {
            try {
                Tensor x = new Tensor(NdArray.scalar(0.5, dev.teak.tensor.DType.FLOAT64), true);
                Tensor step = Tensor.scalar(1e-6, dev.teak.tensor.DType.FLOAT64);
                Tensor y = x;
                for (int i = 0; i < 1_000_000; i++) y = y.add(step);
                y.backward();
                result[0] = y.item();
                result[1] = x.grad().item();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertNull(failure[0], () -> "backward failed: " + failure[0]);
        assertEquals(1.5, result[0], 1e-6);
        assertEquals(1.0, result[1], 0.0); // d/dx (x + n c) = 1
    }

    @Test
    void secondBackwardThroughAFreedGraphFailsClearly() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(x).sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("second time") && e.getMessage().contains("retainGraph"), e.getMessage());

        Tensor z = x.mul(x).sum();
        x.zeroGrad();
        z.backward(null, true, false);
        z.backward();
        assertArrayEquals(new double[] {4, 8}, x.grad().data().toDoubleArray(), 0); // 2 * 2x
    }

    @Test
    void noGradRecordsNothingAndIsThreadLocal() throws Exception {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor[] fromOtherThread = new Tensor[1];
        try (GradMode.Guard g = GradMode.noGrad()) {
            Tensor y = x.mul(x).exp().sum();
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (GradMode.Guard inner = GradMode.enableGrad()) {
                assertTrue(x.mul(2).requiresGrad(), "enableGrad nests inside noGrad");
            }
            assertFalse(GradMode.isEnabled());
            Thread t = new Thread(() -> fromOtherThread[0] = x.mul(2));
            t.start();
            t.join();
        }
        assertTrue(GradMode.isEnabled());
        assertNotNull(fromOtherThread[0].gradFn(), "another thread keeps recording");
    }

    @Test
    void inPlaceUpdateOfASavedTensorIsReportedAtBackward() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4}, 2);
        Tensor y = x.mul(w).sum();
        int before = w.version();
        w.mulInPlace(2);
        assertEquals(before + 1, w.version());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("in-place"), e.getMessage());

        // A view shares the version counter of its base.
        Tensor v = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor row = v.select(0, 0);
        Tensor z = x.mul(row).sum();
        v.fillInPlace(0);
        assertThrows(IllegalStateException.class, z::backward);
    }

    @Test
    void inPlaceOnATensorRequiringGradNeedsNoGrad() {
        Tensor p = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor g = Tensor.of(new double[] {10, 20}, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.addInPlace(g, -0.1));
        assertTrue(e.getMessage().contains("noGrad"), e.getMessage());
        try (GradMode.Guard guard = GradMode.noGrad()) { p.addInPlace(g, -0.1); }
        assertArrayEquals(new double[] {0, 0}, p.data().toDoubleArray(), 1e-15);
    }

    @Test
    void anomalyModeNamesTheOpAndWhereItWasCreated() {
        Tensor x = Tensor.of(new double[] {1, 0}, 2).requiresGrad(true);
        try (AnomalyMode.Guard a = AnomalyMode.enable()) {
            AnomalyMode.AnomalyException fwd = assertThrows(AnomalyMode.AnomalyException.class, () -> x.log());
            assertEquals("log", fwd.op());
            assertTrue(fwd.getMessage().contains("forward of op 'log'"), fwd.getMessage());
            assertTrue(createdInThisTest(fwd.getCause()), "creation trace points here");

            Tensor y = x.sqrt().sum(); // finite forward, infinite derivative at 0
            AnomalyMode.AnomalyException bwd = assertThrows(AnomalyMode.AnomalyException.class, y::backward);
            assertEquals("sqrt", bwd.op());
            assertTrue(bwd.getMessage().contains("backward of op 'sqrt'"), bwd.getMessage());
            assertTrue(createdInThisTest(bwd.getCause()));
        }
        assertEquals(Double.NEGATIVE_INFINITY, x.log().data().getDouble(1), "off again after the scope");
    }

    private static boolean createdInThisTest(Throwable t) {
        if (t == null) return false;
        for (StackTraceElement e : t.getStackTrace()) if (e.getMethodName().contains("anomalyModeNamesTheOp")) return true;
        return false;
    }

    @Test
    void hypergradientThroughAnInnerGradientStep() {
        // Inner step w1 = w - lr * dL/dw with L = (w x - t)^2; outer loss M = w1^2. dM/dlr by createGraph,
        // against the closed form: w1 = w - lr * 2x(wx - t), dM/dlr = 2 w1 * (-2x(wx - t)).
        double w0 = 0.7, x0 = 1.3, t0 = 0.2, lr0 = 0.05;
        Tensor w = Tensor.of(new double[] {w0}, 1).requiresGrad(true), lr = Tensor.of(new double[] {lr0}, 1).requiresGrad(true);
        Tensor inner = w.mul(x0).sub(t0).square().sum();
        Tensor dw = Autograd.grad(new Tensor[] {inner}, new Tensor[] {w}, null, true, false)[0];
        Tensor w1 = w.sub(lr.mul(dw));
        Tensor dlr = Autograd.grad(w1.square().sum(), lr);
        double g = 2 * x0 * (w0 * x0 - t0), w1v = w0 - lr0 * g;
        assertEquals(2 * w1v * -g, dlr.item(), 1e-12);
    }
}
