package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.optim.Adam;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * Linear-probe evaluation of frozen features: multinomial logistic regression (one linear layer,
 * cross-entropy) fitted by full-batch Adam on standardised training features; the score is
 * test accuracy. Standardisation uses the training mean and deviation only.
 */
public final class LinearProbe {
    private LinearProbe() { }

    /** Test accuracy in [0, 1] of a probe trained on (trainX, trainY) for {@code steps} Adam steps. */
    public static double accuracy(NdArray trainX, int[] trainY, NdArray testX, int[] testY, int classes, int steps, long seed) {
        NdArray mean = trainX.mean(0, true), std = trainX.sub(mean).square().mean(0, true).sqrt().add(1e-6);
        NdArray xtr = trainX.sub(mean).div(std), xte = testX.sub(mean).div(std);
        Linear probe = new Linear(trainX.shape()[1], classes, new Generator(seed));
        probe.to(DType.FLOAT64);
        Adam opt = new Adam(probe.parameters(), 0.05);
        NdArray targets = labels(trainY);
        Tensor in = new Tensor(xtr);
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            F.crossEntropy(probe.forward(in), targets).backward();
            opt.step();
        }
        long[] pred = probe.forward(new Tensor(xte)).data().argmax(1, false).toLongArray();
        int correct = 0;
        for (int i = 0; i < testY.length; i++) if (pred[i] == testY[i]) correct++;
        return correct / (double) testY.length;
    }

    private static NdArray labels(int[] y) {
        long[] l = new long[y.length];
        for (int i = 0; i < y.length; i++) l[i] = y[i];
        return NdArray.of(l, y.length);
    }
}
