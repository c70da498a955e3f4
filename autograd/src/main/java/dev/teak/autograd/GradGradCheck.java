package dev.teak.autograd;

import java.util.function.Function;

/**
 * Checks second-order gradients: that the gradient computed with {@code createGraph=true} is
 * itself correctly differentiable. With random {@code v} (upstream) and {@code u_i} (one per
 * input) drawn from the seed, it builds
 * <pre>
 *   h(x) = sum_i sum(grad_i(sum(f(x) * v)) * u_i)
 * </pre>
 * by {@link Autograd#grad} with a graph, and hands {@code h} to {@link GradCheck}: its
 * analytic gradient runs backward through the backward pass; its numeric one differences
 * first-order gradients. Failures report the op (suffixed {@code gradgrad}), input, values and seed.
 */
public final class GradGradCheck {
    private GradGradCheck() {}

    public static void check(String op, Function<Tensor[], Tensor> f, Tensor[] inputs, long seed) {
        Tensor out;
        try (GradMode.Guard g = GradMode.noGrad()) { out = f.apply(inputs); }
        Tensor v = GradCheck.randomLike(out, seed ^ 0x9E3779B97F4A7C15L);
        Tensor[] u = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) u[i] = GradCheck.randomLike(inputs[i], seed + 31L * (i + 1));
        Function<Tensor[], Tensor> h = xs -> {
            int k = 0;
            for (Tensor t : xs) if (t.requiresGrad()) k++;
            Tensor[] wanted = new Tensor[k];
            int[] slot = new int[k];
            k = 0;
            for (int i = 0; i < xs.length; i++) if (xs[i].requiresGrad()) { slot[k] = i; wanted[k++] = xs[i]; }
            // The first-order gradients always need a graph of f; they get one of their own only
            // when the caller records (GradCheck's analytic pass), not in its finite differences.
            boolean outer = GradMode.isEnabled();
            try (GradMode.Guard g = GradMode.enableGrad()) {
                Tensor y = f.apply(xs);
                Tensor total = Tensor.scalar(0, dev.teak.tensor.DType.FLOAT64);
                if (!y.requiresGrad() || k == 0) return total;
                Tensor[] grads = Autograd.grad(new Tensor[] {y}, wanted, new Tensor[] {v}, outer, true);
                for (int j = 0; j < k; j++) if (grads[j] != null) total = total.add(grads[j].mul(u[slot[j]]).sum());
                return total;
            }
        };
        GradCheck.check(op + " (gradgrad)", h, inputs, seed);
    }
}
