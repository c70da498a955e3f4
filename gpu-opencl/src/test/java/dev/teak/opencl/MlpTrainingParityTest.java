package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A two-layer perceptron learns the XOR quadrants with hand-written backpropagation in
 * NdArray ops, once on the CPU and once on OpenCL from the same initial weights: the two loss
 * curves agree step by step, and the loss falls well below its starting value ln 2.
 */
class MlpTrainingParityTest {
    static final int N = 128, HIDDEN = 16, STEPS = 150;
    static final float LR = 0.5f;

    @Test
    void lossCurvesOnOpenClAndCpuAgree() {
        backend();
        float[] cpu = train(Device.CPU), dev = train(DEV);
        for (int s = 0; s < STEPS; s++) assertEquals(cpu[s], dev[s], 1e-3 * Math.abs(cpu[s]) + 1e-5, "loss at step " + s);
        assertEquals(Math.log(2), cpu[0], 0.1, "starts near ln 2");
        assertTrue(dev[STEPS - 1] < 0.35, "trained on OpenCL: final loss " + dev[STEPS - 1]);
    }

    /** Loss per step of full-batch gradient descent on binary cross-entropy with logits. */
    static float[] train(Device device) {
        Random r = new Random(42);
        float[] x = new float[N * 2], y = new float[N];
        for (int i = 0; i < N; i++) {
            x[2 * i] = (float) (r.nextDouble() * 2 - 1);
            x[2 * i + 1] = (float) (r.nextDouble() * 2 - 1);
            y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
        }
        NdArray X = NdArray.of(x, N, 2).to(device), Y = NdArray.of(y, N, 1).to(device);
        NdArray w1 = init(r, 2, HIDDEN, 1.0).to(device), b1 = NdArray.zeros(1, HIDDEN).to(device);
        NdArray w2 = init(r, HIDDEN, 1, 1.0 / Math.sqrt(HIDDEN)).to(device), b2 = NdArray.zeros(1, 1).to(device);
        float[] losses = new float[STEPS];
        for (int s = 0; s < STEPS; s++) {
            NdArray pre = X.matmul(w1).add(b1), h = pre.relu();
            NdArray z = h.matmul(w2).add(b2);
            // loss = mean(max(z, 0) - z y + log(1 + exp(-|z|))), the stable form of BCE with logits
            NdArray loss = z.relu().sub(z.mul(Y)).add(z.abs().neg().exp().apply(UnaryOp.LOG1P)).mean();
            losses[s] = (float) loss.item();
            NdArray dz = z.sigmoid().sub(Y).div(N);                      // dL/dz
            NdArray dw2 = h.mT().matmul(dz), db2 = dz.sum(0, true);
            NdArray dpre = dz.matmul(w2.mT()).mul(pre.apply(UnaryOp.STEP)); // through relu
            NdArray dw1 = X.mT().matmul(dpre), db1 = dpre.sum(0, true);
            w1 = w1.sub(dw1.mul(LR));
            b1 = b1.sub(db1.mul(LR));
            w2 = w2.sub(dw2.mul(LR));
            b2 = b2.sub(db2.mul(LR));
        }
        return losses;
    }

    static NdArray init(Random r, int rows, int cols, double scale) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * scale);
        return NdArray.of(v, rows, cols);
    }
}
