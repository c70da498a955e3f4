package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * A decoder-only (GPT-style) block on {@code [B, T, d]}: pre-norm causal self-attention and a
 * feed-forward network with residual connections (Radford et al. 2019), so position {@code t}
 * depends on positions {@code <= t} only.
 */
public final class DecoderBlock extends UnaryModule {
    public final TransformerEncoderLayer inner;

    public DecoderBlock(int d, int heads, int hidden, double dropout, Generator gen) {
        inner = module("block", new TransformerEncoderLayer(d, heads, hidden, dropout, true, gen));
    }

    @Override
    public Tensor forward(Tensor x) { return inner.forward(x, null, true); }

    /** With padded keys blocked too (right-padded batches). */
    public Tensor forward(Tensor x, NdArray keyPadding) { return inner.forward(x, keyPadding, true); }
}
