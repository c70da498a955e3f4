package dev.teak.tests.autograd;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;

/**
 * A quick probe of per-op autograd overhead (not a test and not a JMH benchmark; bench/ owns
 * those): forward and backward of a chain of {@code ops} elementwise ops on 16-element float32
 * tensors, alternating mul and add with a fixed operand, repeated after warm-up; prints the
 * median and the best microseconds per op (the best is the figure least disturbed by other
 * load on a shared machine). Run after {@code mvn -pl tests -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *   -cp tensor/target/classes:autograd/target/classes:tests/target/test-classes \
 *   dev.teak.tests.autograd.AutogradOverheadMain [ops] [repeats]
 * </pre>
 */
public final class AutogradOverheadMain {
    private AutogradOverheadMain() {}

    public static void main(String[] args) {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) v[i] = 0.5f + i / 64f;
        Tensor c = Tensor.of(v, 16);
        double[] forward = new double[repeats], total = new double[repeats];
        for (int warm = 0; warm < 20; warm++) chain(c, ops);
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            Tensor x = Tensor.of(v, 16).requiresGrad(true);
            Tensor y = x;
            for (int i = 0; i < ops; i++) y = (i & 1) == 0 ? y.mul(c) : y.add(c);
            Tensor loss = y.sum();
            long t1 = System.nanoTime();
            loss.backward();
            long t2 = System.nanoTime();
            forward[r] = (t1 - t0) / 1e3 / ops;
            total[r] = (t2 - t0) / 1e3 / ops;
            if (!Double.isFinite(x.grad().data().toDoubleArray()[0])) throw new AssertionError("non-finite gradient");
        }
        java.util.Arrays.sort(forward);
        java.util.Arrays.sort(total);
        System.out.printf("chain of %d ops on 16-element float32 tensors, %d repeats: forward %.3f us/op, "
                + "forward+backward %.3f us/op (medians); best %.3f / %.3f us/op%n",
                ops, repeats, forward[repeats / 2], total[repeats / 2], forward[0], total[0]);
    }

    private static void chain(Tensor c, int ops) {
        Tensor x = new Tensor(NdArray.ones(16), true), y = x;
        for (int i = 0; i < ops; i++) y = (i & 1) == 0 ? y.mul(c) : y.add(c);
        y.sum().backward();
    }
}
