package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.functional.Attention;
import dev.teak.nn.functional.F;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * Multi-head attention (Vaswani et al. 2017, sec. 3.2.2) on batch-first inputs
 * {@code [B, T, E]}: queries, keys and values are projected, split into {@code heads} of size
 * {@code E / heads}, attended with {@link F#scaledDotProductAttention} and projected back.
 * Masks block attention where true: a causal mask hides later keys, a key-padding mask
 * {@code [B, Tk]} hides padded keys. The projections are four {@link Linear} layers
 * ({@code q_proj}, {@code k_proj}, {@code v_proj}, {@code out_proj}); there is no dropout on the
 * attention weights (the blocks apply dropout to the attention output).
 */
public final class MultiheadAttention extends Module {
    public final Linear qProj, kProj, vProj, outProj;
    private final int embed, heads;

    public MultiheadAttention(int embed, int heads, Generator gen) {
        if (embed % heads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embedding " + embed + " is not divisible by " + heads + " heads");
        }
        this.embed = embed;
        this.heads = heads;
        qProj = module("q_proj", new Linear(embed, embed, gen));
        kProj = module("k_proj", new Linear(embed, embed, gen));
        vProj = module("v_proj", new Linear(embed, embed, gen));
        outProj = module("out_proj", new Linear(embed, embed, gen));
    }

    /**
     * @param keyPadding boolean {@code [B, Tk]}, true at padded keys, or null
     * @param causal     whether query {@code i} is blocked from keys {@code j > i} (needs Tq == Tk)
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, NdArray keyPadding, boolean causal) {
        if (query.dim() != 3 || query.size(2) != embed || key.dim() != 3 || key.size(2) != embed
                || !java.util.Arrays.equals(key.shape(), value.shape()) || key.size(0) != query.size(0)) {
            throw new IllegalArgumentException("MultiheadAttention(" + embed + "): query " + Shape.str(query.shape()) + ", key "
                    + Shape.str(key.shape()) + ", value " + Shape.str(value.shape()) + " must be [B, T, " + embed + "]");
        }
        int b = query.size(0), tq = query.size(1), tk = key.size(1);
        NdArray mask = null;
        if (causal) {
            if (tq != tk) throw new IllegalArgumentException("MultiheadAttention: causal attention needs Tq == Tk, got " + tq + " and " + tk);
            mask = Attention.causalMask(tq);
        }
        if (keyPadding != null) {
            if (!java.util.Arrays.equals(keyPadding.shape(), new int[] {b, tk})) {
                throw new IllegalArgumentException("MultiheadAttention: key padding mask " + Shape.str(keyPadding.shape())
                        + " should be [" + b + ", " + tk + "]");
            }
            mask = Attention.combine(mask, keyPadding.reshape(b, 1, 1, tk));
        }
        Tensor q = split(qProj.forward(query)), k = split(kProj.forward(key)), v = split(vProj.forward(value));
        Tensor att = F.scaledDotProductAttention(q, k, v, mask);          // [B, H, Tq, d]
        return outProj.forward(att.transpose(1, 2).reshape(b, tq, embed));
    }

    /** Self-attention: query = key = value = x. */
    public Tensor forward(Tensor x, NdArray keyPadding, boolean causal) { return forward(x, x, x, keyPadding, causal); }

    /** {@code [B, T, E] -> [B, H, T, E/H]}. */
    private Tensor split(Tensor x) {
        return x.reshape(x.size(0), x.size(1), heads, embed / heads).transpose(1, 2);
    }
}
