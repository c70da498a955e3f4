package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.functional.F;
import dev.teak.tensor.random.Generator;

/** The position-wise feed-forward part of a Transformer block: {@code Linear(d, h) -> GELU -> Dropout -> Linear(h, d)}. */
public final class FeedForward extends UnaryModule {
    public final Linear up, down;
    private final Dropout dropout;

    public FeedForward(int d, int hidden, double dropout, Generator gen) {
        up = module("up", new Linear(d, hidden, gen));
        down = module("down", new Linear(hidden, d, gen));
        this.dropout = module("dropout", new Dropout(dropout, gen));
    }

    @Override
    public Tensor forward(Tensor x) { return down.forward(dropout.forward(F.gelu(up.forward(x)))); }
}
