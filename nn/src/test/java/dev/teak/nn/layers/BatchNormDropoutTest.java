package dev.teak.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** BatchNorm's training and evaluation modes and running statistics; dropout's mask and scaling. */
class BatchNormDropoutTest {
    @Test
    void batchNormTrainAndEval() {
        BatchNorm1d bn = new BatchNorm1d(2, 0, 0.1);
        bn.to(DType.FLOAT64);
        // Channel 0: [1, 3] (mean 2, biased var 1, unbiased 2); channel 1: [0, 4] (mean 2, var 4, unbiased 8).
        Tensor x = Tensor.of(new double[] {1, 0, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {-1, -1, 1, 1}, bn.forward(x).data().toDoubleArray(), 1e-12);
        // running = 0.9 * (0, 0) + 0.1 * mean; var = 0.9 * (1, 1) + 0.1 * unbiased.
        assertArrayEquals(new double[] {0.2, 0.2}, bn.runningMean.get().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1.1, 1.7}, bn.runningVar.get().toDoubleArray(), 1e-12);
        assertEquals(1, bn.numBatchesTracked.get().item());
        bn.eval();
        // Evaluation uses the running statistics: (x - 0.2) / sqrt(var).
        double[] y = bn.forward(x).data().toDoubleArray();
        assertArrayEquals(new double[] {0.8 / Math.sqrt(1.1), -0.2 / Math.sqrt(1.7), 2.8 / Math.sqrt(1.1), 3.8 / Math.sqrt(1.7)}, y, 1e-12);
        assertArrayEquals(new double[] {0.2, 0.2}, bn.runningMean.get().toDoubleArray(), 1e-12, "eval does not update");
    }

    @Test
    void batchNorm2dNormalisesEachChannelOverBatchAndSpace() {
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.to(DType.FLOAT64);
        Tensor x = new Tensor(new Generator(1).normal(DType.FLOAT64, 5, 3, 4, 3, 2, 2));
        NdArray y = bn.forward(x).data();
        NdArray mean = y.sum(new int[] {0, 2, 3}, false).div(16);
        NdArray var = y.square().sum(new int[] {0, 2, 3}, false).div(16);
        assertArrayEquals(new double[3], mean.toDoubleArray(), 1e-12);
        for (double v : var.toDoubleArray()) assertEquals(1, v, 1e-4, "variance (eps 1e-5 shrinks it slightly)");
    }

    @Test
    void dropoutMasksAndScales() {
        Tensor x = Tensor.ones(1000);
        Dropout d = new Dropout(0.25, new Generator(9));
        double[] y = d.forward(x).data().toDoubleArray();
        int kept = 0;
        for (double v : y) {
            if (v != 0) {
                assertEquals(1 / 0.75, v, 1e-6);
                kept++;
            }
        }
        // 750 expected, standard deviation sqrt(1000 * 0.25 * 0.75) ~ 13.7.
        assertEquals(750, kept, 55);
        assertNotEquals(0, kept);
        Dropout replay = new Dropout(0.25, new Generator(9));
        assertArrayEquals(y, replay.forward(x).data().toDoubleArray(), 0, "same seed, same mask");
        d.eval();
        assertArrayEquals(x.data().toDoubleArray(), d.forward(x).data().toDoubleArray(), 0, "identity in eval");
    }
}
