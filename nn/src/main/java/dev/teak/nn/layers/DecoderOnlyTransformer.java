package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.ModuleList;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * A tiny GPT-style language model (Radford et al. 2019): token embedding plus learned or
 * sinusoidal positions, a stack of causal {@link DecoderBlock}s, a final layer norm and a linear
 * head to vocabulary logits. {@code tokens [B, T]} give {@code logits [B, T, V]} where position
 * {@code t} depends on tokens {@code <= t} only, ready for {@code F.crossEntropy} against the
 * next tokens.
 */
public final class DecoderOnlyTransformer extends Module {
    public final Embedding tokens;
    public final PositionalEncoding positions;
    public final ModuleList<DecoderBlock> blocks;
    public final LayerNorm norm;
    public final Linear head;
    private final Dropout dropout;

    /**
     * @param learnedPositions learned position table (GPT-2) or fixed sinusoids (Vaswani et al.)
     */
    public DecoderOnlyTransformer(int vocab, int maxLen, int d, int heads, int hidden, int layers, double dropout,
                                  boolean learnedPositions, Generator gen) {
        tokens = module("tok_emb", new Embedding(vocab, d, gen));
        positions = module("pos", learnedPositions ? PositionalEncoding.learned(maxLen, d, gen) : PositionalEncoding.sinusoidal(maxLen, d));
        this.dropout = module("drop", new Dropout(dropout, gen));
        blocks = module("blocks", new ModuleList<>());
        for (int i = 0; i < layers; i++) blocks.add(new DecoderBlock(d, heads, hidden, dropout, gen));
        norm = module("ln_f", new LayerNorm(d));
        head = module("head", new Linear(d, vocab, false, gen));
    }

    /** Next-token logits {@code [B, T, V]} for integer {@code tokens [B, T]}. */
    public Tensor forward(NdArray tokenIds) {
        if (tokenIds.dim() != 2) throw new IllegalArgumentException("DecoderOnlyTransformer: tokens must be [B, T], got " + Shape.str(tokenIds.shape()));
        Tensor x = tokens.forward(tokenIds);
        Tensor w = head.weight.get();
        if (x.dtype() != w.dtype()) x = x.to(w.dtype());
        x = dropout.forward(positions.forward(x));
        for (DecoderBlock b : blocks) x = b.forward(x);
        return head.forward(norm.forward(x));
    }
}
