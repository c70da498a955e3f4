package dev.teak.algorithms.demi;

import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.RunContext;
import java.util.List;

/**
 * {@code teak demi}: decomposed mutual-information estimation (Sordoni et al., ICML 2021).
 * Without options it runs the headline synthetic experiment: 20 nats between two 20-dimensional
 * correlated Gaussians, K = 64, InfoNCE against DEMI with N = 2, 4, 8 subviews (exact and
 * importance-sampled conditional negatives). {@code --study digits} runs the representation
 * study on the UCI digits instead. See this package's README.md.
 */
public final class DemiMethod implements Method {
    @Override public String name() { return "demi"; }

    @Override public String description() {
        return "decomposed MI estimation (DEMI): InfoNCE vs DEMI on Gaussians with known MI, or digits representations";
    }

    @Override public List<OptionSpec> options() {
        return List.of(
                OptionSpec.choice("study", "synthetic", List.of("synthetic", "digits"),
                        "synthetic: Gaussians with analytic MI; digits: encoders from two image halves, linear probe"),
                OptionSpec.intList("mi", List.of(20), "true MI in nats (synthetic; the full study: 2,5,10,20,40)").range(1, 200),
                OptionSpec.intList("k", List.of(64), "batch size K = number of candidates per anchor (full study: 64,128)").range(2, 4096),
                OptionSpec.intList("subviews", List.of(1, 2, 4, 8), "numbers N of nested subviews; N = 1 is InfoNCE").range(1, 64),
                OptionSpec.integer("dim", 20, "dimension d of each Gaussian view").range(1, 1000),
                OptionSpec.choice("negatives", "both", List.of("both", "exact", "is"),
                        "conditional negatives of DEMI: exact sampler, importance-sampled in-batch, or both"),
                OptionSpec.choice("critic", "quadratic", Critic.KINDS,
                        "critic family (synthetic): quadratic (contains the optimum), mlp on [x||y], separable f(x).g(y)"),
                OptionSpec.integer("hidden", 256, "hidden width of the mlp and separable critics and the digits encoders").range(1, 4096),
                OptionSpec.integer("embed", 32, "embedding size of the separable critic and the digits encoders").range(1, 4096),
                OptionSpec.integer("steps", 1500, "Adam steps per configuration (synthetic)").range(1, 10_000_000),
                OptionSpec.real("lr", 0.01, "Adam learning rate (the spec's 5e-4 suits the mlp critic; digits uses min(lr, 1e-3))").range(0, 10),
                OptionSpec.integer("eval-batches", 100, "held-out batches for the reported mean and std").range(1, 100_000),
                OptionSpec.integer("epochs", 40, "training epochs (digits)").range(1, 100_000),
                OptionSpec.integer("digit-subviews", 2, "nested subviews of the right half for DEMI (digits): 2 or 4").range(2, 4),
                OptionSpec.integer("log-every", 50, "steps between metric lines (synthetic)").range(1, 10_000_000).matters(false),
                OptionSpec.integer("checkpoint-every", 500, "steps between checkpoints (synthetic; digits saves each epoch)")
                        .range(1, 10_000_000).matters(false),
                OptionSpec.longInteger("fail-at", -1, "simulate a crash right after logging this step or epoch, to try --resume (-1: never)")
                        .range(-1, 1e12).matters(false));
    }

    @Override public void run(RunContext ctx) throws Exception {
        if (ctx.options().getString("study").equals("synthetic")) new SyntheticStudy(ctx).run();
        else new DigitsStudy(ctx).run();
    }
}
