package dev.teak.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.optim.Adam;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** The tiny GPT: causal in its tokens, differentiable, and able to learn a deterministic sequence. */
class DecoderOnlyTransformerTest {
    @Test
    void logitsDependOnEarlierTokensOnly() {
        for (boolean learned : new boolean[] {true, false}) {
            DecoderOnlyTransformer m = new DecoderOnlyTransformer(7, 8, 8, 2, 16, 2, 0, learned, new Generator(1));
            m.to(DType.FLOAT64);
            NdArray a = NdArray.of(new long[] {1, 2, 3, 4, 5, 6}, 1, 6), b = NdArray.of(new long[] {1, 2, 3, 0, 5, 6}, 1, 6);
            NdArray la = m.forward(a).data(), lb = m.forward(b).data();
            assertArrayEquals(la.narrow(1, 0, 3).toDoubleArray(), lb.narrow(1, 0, 3).toDoubleArray(), 0, "positions before the change");
            assertTrue(la.narrow(1, 3, 3).sub(lb.narrow(1, 3, 3)).abs().sum().item() > 1e-6, "positions from the change on");
        }
    }

    @Test
    void gradientsByFiniteDifferences() {
        DecoderOnlyTransformer m = new DecoderOnlyTransformer(5, 4, 4, 2, 6, 1, 0, true, new Generator(2));
        LayerGradCheckTest.checkWithParameters("DecoderOnlyTransformer", m.to(DType.FLOAT64),
                in -> m.forward(NdArray.of(new long[] {0, 3, 1, 4, 2, 2}, 2, 3)));
    }

    @Test
    void learnsACyclicSequence() {
        // Tokens 0 1 2 3 4 0 1 2 ...: every next token is determined by the current one.
        int v = 5, t = 8;
        long[] seq = new long[t + 1];
        for (int i = 0; i <= t; i++) seq[i] = i % v;
        NdArray in = NdArray.of(java.util.Arrays.copyOfRange(seq, 0, t), 1, t);
        NdArray target = NdArray.of(java.util.Arrays.copyOfRange(seq, 1, t + 1), 1, t);
        DecoderOnlyTransformer m = new DecoderOnlyTransformer(v, t, 16, 2, 32, 1, 0, false, new Generator(3));
        Adam opt = new Adam(m.parameters(), 1e-2);
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++) {
            Tensor loss = F.crossEntropy(m.forward(in), target);
            if (step == 0) first = loss.item();
            last = loss.item();
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        assertTrue(first > 1.0 && last < 0.05, "loss " + first + " -> " + last);
        long[] pred = m.forward(in).argmax(2, false).toLongArray();
        assertArrayEquals(target.toLongArray(), pred);
    }
}
