package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Sequential;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.ReLU;
import dev.teak.tensor.DType;
import dev.teak.tensor.random.Generator;

/**
 * The separable critic f(x)^T g(y) with two MLP encoders (dx -> hidden -> hidden -> embed): one
 * encoder pass per anchor and one per candidate instead of one per pair.
 */
public final class SeparableCritic extends Critic {
    private final Sequential f, g;

    public SeparableCritic(int dx, int dy, int hidden, int embed, Generator gen) {
        super(dx, dy);
        f = module("f", mlp(dx, hidden, embed, gen));
        g = module("g", mlp(dy, hidden, embed, gen));
        to(DType.FLOAT64);
    }

    private static Sequential mlp(int in, int hidden, int out, Generator gen) {
        return new Sequential(new Linear(in, hidden, gen), new ReLU(), new Linear(hidden, hidden, gen), new ReLU(),
                new Linear(hidden, out, gen));
    }

    @Override protected Tensor score(Tensor x, Tensor cand) {
        int b = cand.size(0), k = cand.size(1);
        Tensor fx = f.forward(x).unsqueeze(1);                                        // [B, 1, e]
        Tensor gy = g.forward(cand.reshape(b * k, dy)).reshape(b, k, fx.size(2));     // 2-D products, [B, K, e]
        return gy.mul(fx).sum(2, false);                                              // [B, K]
    }

    /** In-batch form: f(X) g(Y)^T, one encoder pass per row. */
    @Override public Tensor pairwise(Tensor x, Tensor y) {
        return f.forward(x).matmul(g.forward(y).mT());
    }
}
