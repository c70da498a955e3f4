package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * A Transformer encoder block (Vaswani et al. 2017, sec. 3.1) on {@code [B, T, d]}: self-attention
 * and a feed-forward network, each with a residual connection and layer norm. Post-norm
 * ({@code x = LN(x + f(x))}, the paper and PyTorch's default) or pre-norm
 * ({@code x = x + f(LN(x))}, which trains deeper stacks without warm-up).
 */
public final class TransformerEncoderLayer extends Module {
    public final MultiheadAttention attention;
    public final FeedForward feedForward;
    public final LayerNorm norm1, norm2;
    private final Dropout dropout;
    private final boolean normFirst;

    public TransformerEncoderLayer(int d, int heads, int hidden, double dropout, boolean normFirst, Generator gen) {
        this.normFirst = normFirst;
        attention = module("self_attn", new MultiheadAttention(d, heads, gen));
        feedForward = module("ff", new FeedForward(d, hidden, dropout, gen));
        norm1 = module("norm1", new LayerNorm(d));
        norm2 = module("norm2", new LayerNorm(d));
        this.dropout = module("dropout", new Dropout(dropout, gen));
    }

    /** {@code keyPadding [B, T]} true at padded positions, or null; {@code causal} for decoder-style use. */
    public Tensor forward(Tensor x, NdArray keyPadding, boolean causal) {
        if (normFirst) {
            x = x.add(dropout.forward(attention.forward(norm1.forward(x), keyPadding, causal)));
            return x.add(dropout.forward(feedForward.forward(norm2.forward(x))));
        }
        x = norm1.forward(x.add(dropout.forward(attention.forward(x, keyPadding, causal))));
        return norm2.forward(x.add(dropout.forward(feedForward.forward(x))));
    }

    public Tensor forward(Tensor x, NdArray keyPadding) { return forward(x, keyPadding, false); }
}
