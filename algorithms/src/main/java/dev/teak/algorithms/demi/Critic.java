package dev.teak.algorithms.demi;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;
import java.util.List;

/**
 * A critic f(x, y): scores each anchor x_i against its candidates y_{i,1..K}. Input x is
 * [B, dx], candidates [B, K, dy] (slot 0 the positive); the result is [B, K] scores for
 * {@link Bounds}. The families are the spec's: {@link QuadraticCritic} (contains the optimal
 * Gaussian critic), {@link ConcatMlpCritic} (an MLP on [x || y]) and {@link SeparableCritic}
 * (f(x)^T g(y)).
 */
public abstract class Critic extends Module {
    /** The critic families a user can pick with {@code --critic}. */
    public static final List<String> KINDS = List.of("quadratic", "mlp", "separable");

    protected final int dx, dy;

    protected Critic(int dx, int dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /** Scores [B, K] of anchors [B, dx] against candidates [B, K, dy]. */
    public final Tensor scores(Tensor x, Tensor cand) {
        if (x.dim() != 2 || x.size(1) != dx || cand.dim() != 3 || cand.size(2) != dy || cand.size(0) != x.size(0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".scores: anchors " + Shape.str(x.shape())
                    + " and candidates " + Shape.str(cand.shape()) + " should be [B, " + dx + "] and [B, K, " + dy + "]");
        }
        return score(x, cand);
    }

    protected abstract Tensor score(Tensor x, Tensor cand);

    /**
     * The [B, B] matrix of f(x_i, y_j) for in-batch negatives. This default scores the expanded
     * [B, B, dy] candidates; critics with a cheaper pairwise form (a matrix product) override it.
     */
    public Tensor pairwise(Tensor x, Tensor y) {
        int b = y.size(0);
        return scores(x, y.unsqueeze(0).expand(b, b, dy));
    }

    /** A critic of the named family, initialised from {@code gen}. */
    public static Critic of(String kind, int dx, int dy, int hidden, int embed, Generator gen) {
        return switch (kind) {
            case "quadratic" -> new QuadraticCritic(dx, dy);
            case "mlp" -> new ConcatMlpCritic(dx, dy, hidden, gen);
            case "separable" -> new SeparableCritic(dx, dy, hidden, embed, gen);
            default -> throw new IllegalArgumentException("critic: '" + kind + "' is not one of " + KINDS);
        };
    }
}
