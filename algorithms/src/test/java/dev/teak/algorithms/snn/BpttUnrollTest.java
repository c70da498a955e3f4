package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.optim.AdamW;
import dev.teak.nn.spiking.Surrogate;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/**
 * Backpropagation through 50 time steps of the spiking TextCNN over a batch of 32 sentences at
 * the default sizes (L = 32, d = 50, 32 filters per width): it fits in memory and time on the
 * 2-core machine, every weight gets a finite, non-zero surrogate gradient, and three AdamW steps
 * on one fixed, learnable batch (one fixed spike draw) lower the rate loss. Prints seconds and peak heap.
 */
class BpttUnrollTest {
    @Test
    void fiftyStepUnrollFitsAndLearns() {
        int t = 50, n = 32, l = 32, d = 50, f = 32;
        Generator g = new Generator(11);
        TextCnn cnn = new TextCnn(d, SnnConfig.WIDTHS, f, 2, 0, g);
        for (Parameter p : cnn.convWeights()) p.copyFrom(p.data().mul(3));
        cnn.fcWeight().copyFrom(cnn.fcWeight().data().mul(4));             // an output layer that fires sometimes
        SpikingTextCnn snn = SpikingTextCnn.convert(cnn, 1, 1, 1, Surrogate.fastSigmoid(25));
        // A learnable batch: even sentences fire mostly in the first half of the components, odd ones in the second.
        float[] pv = g.rand(DType.FLOAT32, n, l, d).toFloatArray();
        for (int i = 0; i < n; i++) for (int p = 0; p < l; p++) for (int k = 0; k < d; k++) {
            boolean active = (k < d / 2) == (i % 2 == 0);
            pv[(i * l + p) * d + k] *= active ? 0.9f : 0.2f;
        }
        NdArray probs = NdArray.of(pv, n, l, d);
        NdArray spikes = g.rand(DType.FLOAT32, t, n, l, d).lt(probs.unsqueeze(0)).to(DType.FLOAT32);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 2;
        NdArray targets = NdArray.of(y, n);
        AdamW opt = new AdamW(snn.parameters(), 3e-3, 0.9, 0.999, 1e-8, 0);
        long t0 = System.nanoTime();
        double first = Double.NaN, last = Double.NaN;
        long live = 0, fwdNanos = 0, bwdNanos = 0;
        for (int step = 0; step < 3; step++) {
            long a = System.nanoTime();
            Tensor loss = SpikingTextCnn.rateLoss(snn.forward(new Tensor(spikes)).spikes(), targets);
            long b = System.nanoTime();
            if (step == 0) {
                // Live heap with the whole unrolled graph held, just before backward.
                System.gc();
                live = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            }
            long b2 = System.nanoTime();
            opt.zeroGrad();
            loss.backward();
            fwdNanos += b - a;
            bwdNanos += System.nanoTime() - b2;
            if (step == 0) {
                first = loss.item();
                for (Parameter p : snn.parameters()) {
                    double norm = p.grad().data().mul(p.grad().data()).sum().item();
                    assertTrue(Double.isFinite(norm) && norm > 0, "gradient norm^2 " + norm);
                }
            }
            last = loss.item();
            opt.step();
        }
        System.out.printf("BPTT T=%d, batch %d, L=%d, d=%d, 3x%d filters: forward %.2f s, backward %.2f s per step; live heap with the graph %.0f MB%n",
                t, n, l, d, f, fwdNanos / 3e9, bwdNanos / 3e9, live / 1e6);
        assertTrue(last < first, "rate loss should fall on a fixed batch: " + first + " -> " + last);
        assertTrue(live < 1_500_000_000L, "live heap " + live);
    }
}
