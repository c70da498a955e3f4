package dev.teak.nn.layers;

import static dev.teak.nn.Tensors.constant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.Attention;
import dev.teak.nn.functional.F;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** Masks: a causal mask hides the future, a padding mask hides padded keys. */
class AttentionMaskTest {
    private static double[] row(Tensor y, int b, int t) { return y.data().select(0, b).select(0, t).toDoubleArray(); }

    private static Tensor withChanged(Tensor x, int b, int t, double delta) {
        NdArray d = x.data().copy();
        NdArray r = d.select(0, b).select(0, t);
        r.copyFrom(r.add(delta));
        return new Tensor(d);
    }

    @Test
    void causalMaskBlocksTheFuture() {
        MultiheadAttention mha = new MultiheadAttention(4, 2, new Generator(1));
        mha.to(DType.FLOAT64);
        Tensor x = constant(2, 1, 5, 4);
        Tensor y = mha.forward(x, null, true);
        Tensor y2 = mha.forward(withChanged(x, 0, 3, 0.7), null, true);
        for (int t = 0; t < 3; t++) assertArrayEquals(row(y, 0, t), row(y2, 0, t), 0, "position " + t + " sees the future");
        assertTrue(Math.abs(row(y, 0, 3)[0] - row(y2, 0, 3)[0]) > 1e-6, "position 3 sees itself");
        // Without the mask, earlier positions do change.
        Tensor u = mha.forward(x, null, false), u2 = mha.forward(withChanged(x, 0, 3, 0.7), null, false);
        assertTrue(Math.abs(row(u, 0, 0)[0] - row(u2, 0, 0)[0]) > 1e-6);
        // The decoder block is causal too.
        DecoderBlock block = new DecoderBlock(4, 2, 8, 0, new Generator(3));
        block.to(DType.FLOAT64);
        Tensor z = block.forward(x), z2 = block.forward(withChanged(x, 0, 4, -1.3));
        for (int t = 0; t < 4; t++) assertArrayEquals(row(z, 0, t), row(z2, 0, t), 0);
    }

    @Test
    void paddingMaskHidesPaddedKeys() {
        MultiheadAttention mha = new MultiheadAttention(4, 1, new Generator(4));
        mha.to(DType.FLOAT64);
        Tensor x = constant(5, 2, 4, 4);
        NdArray pad = NdArray.of(new boolean[] {false, false, false, true, false, false, true, true}, 2, 4);
        Tensor y = mha.forward(x, pad, false);
        Tensor y2 = mha.forward(withChanged(withChanged(x, 0, 3, 2.5), 1, 2, -0.9), pad, false);
        for (int b = 0; b < 2; b++) {
            int valid = b == 0 ? 3 : 2;
            for (int t = 0; t < valid; t++) assertArrayEquals(row(y, b, t), row(y2, b, t), 0, "sequence " + b + ", position " + t);
        }
        // Padding equals truncation: sequence 1 with its two valid positions only.
        Tensor trunc = mha.forward(new Tensor(x.data().select(0, 1).narrow(0, 0, 2).unsqueeze(0).copy()), null, false);
        for (int t = 0; t < 2; t++) assertArrayEquals(row(trunc, 0, t), row(y, 1, t), 1e-12);
    }

    @Test
    void combinedMasks() {
        // Causal [3, 3] OR padding (length 2 of 3) [1, 1, 1, 3]: key 2 blocked everywhere, and j > i.
        NdArray m = Attention.combine(Attention.causalMask(3), Attention.paddingMask(new int[] {2}, 3));
        assertArrayEquals(new int[] {1, 1, 3, 3}, m.shape());
        assertArrayEquals(new boolean[] {false, true, true, false, false, true, false, false, true}, m.toBooleanArray());
    }

    @Test
    void attentionWeightsByHand() {
        // One query [1, 0] against keys [1, 0] and [0, 1] (d = 2): scores 1/sqrt 2 and 0;
        // the output is the softmax-weighted mean of the values [1] and [3].
        Tensor q = Tensor.of(new double[] {1, 0}, 1, 2), k = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);
        Tensor v = Tensor.of(new double[] {1, 3}, 2, 1);
        double a = Math.exp(1 / Math.sqrt(2)), w = a / (a + 1);
        assertEquals(w * 1 + (1 - w) * 3, F.scaledDotProductAttention(q, k, v, null).item(), 1e-12);
        // Blocking the first key leaves the value of the second.
        NdArray m = NdArray.of(new boolean[] {true, false}, 1, 2);
        assertEquals(3, F.scaledDotProductAttention(q, k, v, m).item(), 1e-12);
    }
}
