package dev.teak.bench.compare;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.ModuleList;
import dev.teak.nn.functional.F;
import dev.teak.nn.layers.Conv1d;
import dev.teak.nn.layers.Embedding;
import dev.teak.nn.layers.Linear;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * Kim's TextCNN (2014): embeddings, parallel 1-D convolutions of several widths, ReLU, max over
 * time, concatenation and a linear classifier. Parameter names match the PyTorch mirror in
 * {@code torch_worker.py} ({@code emb.weight}, {@code convs.0.weight}, ..., {@code fc.weight}).
 */
final class TextCnn extends Module {
    private final Embedding emb;
    private final ModuleList<Conv1d> convs;
    private final Linear fc;

    TextCnn(int vocab, int embed, int filters, int[] widths, int classes, Generator g) {
        emb = module("emb", new Embedding(vocab, embed, g));
        convs = module("convs", new ModuleList<>());
        for (int k : widths) convs.add(new Conv1d(embed, filters, k, 1, 0, 1, true, g));
        fc = module("fc", new Linear(filters * widths.length, classes, g));
    }

    /** Logits {@code [B, classes]} for token ids {@code [B, T]}. */
    Tensor forward(NdArray tokens) {
        Tensor x = emb.forward(tokens).transpose(1, 2);                 // [B, E, T]
        Tensor[] pooled = new Tensor[convs.size()];
        for (int i = 0; i < pooled.length; i++) pooled[i] = F.relu(convs.get(i).forward(x)).max(2, false);
        return fc.forward(Tensor.concat(1, pooled));
    }
}
