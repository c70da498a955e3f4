package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Sequential;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.ReLU;
import dev.teak.tensor.DType;
import dev.teak.tensor.random.Generator;

/**
 * An MLP on the concatenation [x || y] (spec: 2 x 256, ReLU): the most general critic and the
 * most expensive, since it runs once per (anchor, candidate) pair, B K times per term.
 */
public final class ConcatMlpCritic extends Critic {
    private final Sequential net;

    public ConcatMlpCritic(int dx, int dy, int hidden, Generator gen) {
        super(dx, dy);
        net = module("net", new Sequential(new Linear(dx + dy, hidden, gen), new ReLU(),
                new Linear(hidden, hidden, gen), new ReLU(), new Linear(hidden, 1, gen)));
        to(DType.FLOAT64);
    }

    @Override protected Tensor score(Tensor x, Tensor cand) {
        int b = cand.size(0), k = cand.size(1);
        Tensor xs = x.unsqueeze(1).expand(b, k, dx);
        // one [B K, dx + dy] batch through the MLP: 2-D products are much cheaper than batched ones
        Tensor pairs = Tensor.concat(2, xs, cand).reshape(b * k, dx + dy);
        return net.forward(pairs).reshape(b, k);
    }
}
