package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Autograd runs unchanged on OpenCL arrays: a two-layer perceptron with a log-softmax
 * cross-entropy learns three angular sectors of the plane, once on the CPU and once on
 * OpenCL from the same weights, and the loss curves agree step by step.
 */
class AutogradMlpParityTest {
    static final int N = 150, HIDDEN = 24, CLASSES = 3, STEPS = 120;
    static final double LR = 0.5;

    @Test
    void theSameModelTrainsToTheSameLossCurveOnOpenCl() {
        backend();
        double[] cpu = train(Device.CPU), dev = train(DEV);
        for (int s = 0; s < STEPS; s++) assertEquals(cpu[s], dev[s], 1e-3 * Math.abs(cpu[s]) + 1e-5, "loss at step " + s);
        assertEquals(Math.log(CLASSES), cpu[0], 0.2, "starts near ln 3");
        assertTrue(dev[STEPS - 1] < 0.5 * dev[0], "trained on OpenCL: loss " + dev[0] + " -> " + dev[STEPS - 1]);
    }

    static double[] train(Device device) {
        Random r = new Random(3);
        float[] x = new float[N * 2], onehot = new float[N * CLASSES];
        for (int i = 0; i < N; i++) {
            double a = r.nextDouble() * 2 * Math.PI, rad = 0.2 + r.nextDouble();
            x[2 * i] = (float) (rad * Math.cos(a));
            x[2 * i + 1] = (float) (rad * Math.sin(a));
            onehot[i * CLASSES + (int) (a / (2 * Math.PI / CLASSES))] = 1;
        }
        Tensor xs = new Tensor(NdArray.of(x, N, 2).to(device)), ys = new Tensor(NdArray.of(onehot, N, CLASSES).to(device));
        Tensor w1 = param(r, 2, HIDDEN, 1.0, device), b1 = new Tensor(NdArray.zeros(HIDDEN).to(device), true);
        Tensor w2 = param(r, HIDDEN, CLASSES, 1 / Math.sqrt(HIDDEN), device), b2 = new Tensor(NdArray.zeros(CLASSES).to(device), true);
        double[] losses = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            Tensor logits = xs.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
            Tensor loss = logits.logSoftmax(1).mul(ys).sum().div(-N);   // cross-entropy, mean over samples
            losses[s] = loss.item();
            loss.backward();
            w1 = step(w1); b1 = step(b1); w2 = step(w2); b2 = step(b2);
        }
        return losses;
    }

    static Tensor param(Random r, int rows, int cols, double scale, Device device) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * scale);
        return new Tensor(NdArray.of(v, rows, cols).to(device), true);
    }

    /** Plain gradient descent: a fresh leaf with {@code w - lr * dL/dw}. */
    static Tensor step(Tensor w) {
        return new Tensor(w.data().sub(w.grad().data().mul(LR)), true);
    }
}
