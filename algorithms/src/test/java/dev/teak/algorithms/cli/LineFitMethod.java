package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.Checkpoint;
import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.OptionValues;
import dev.teak.algorithms.run.Plots;
import dev.teak.algorithms.run.Progress;
import dev.teak.algorithms.run.RunContext;
import dev.teak.tensor.DType;
import dev.teak.tensor.Indexing;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only method that does real work through the framework: fits y = a x + b by minibatch
 * gradient descent on data drawn from the seed, written with NdArray ops in float64. Every step
 * logs the loss and then, every {@code --checkpoint-every} steps, checkpoints (a, b and the
 * generator state), so a resumed run follows
 * exactly the path of an uninterrupted one. {@code --fail-at k} throws after logging step k
 * but before its checkpoint: the worst moment for a crash. It does not change the result, so a
 * resumed attempt may pass {@code --fail-at -1} (or a later step, to crash again).
 */
public final class LineFitMethod implements Method {
    @Override public String name() { return "linefit"; }

    @Override public String description() { return "fit y = a x + b by minibatch gradient descent (test method)"; }

    @Override public List<OptionSpec> options() {
        return List.of(
                OptionSpec.integer("steps", 24, "gradient steps").range(1, 100_000),
                OptionSpec.real("lr", 0.3, "learning rate").range(0, 2),
                OptionSpec.integer("batch", 16, "examples per step").range(1, 4096),
                OptionSpec.integer("points", 128, "data points drawn from the seed").range(2, 1_000_000),
                OptionSpec.real("slope", 2.0, "true slope a"),
                OptionSpec.real("intercept", -1.0, "true intercept b"),
                OptionSpec.real("noise", 0.1, "standard deviation of the noise on y").range(0, 100),
                OptionSpec.choice("init", "zeros", List.of("zeros", "normal"), "starting (a, b)"),
                OptionSpec.integer("checkpoint-every", 1, "steps between checkpoints").range(1, 1_000_000).matters(false),
                OptionSpec.integer("fail-at", -1, "throw after logging this step, to test --resume (-1: never)")
                        .range(-1, 1_000_000).matters(false));
    }

    @Override public void run(RunContext ctx) throws Exception {
        OptionValues o = ctx.options();
        int steps = o.getInt("steps"), n = o.getInt("points"), batch = o.getInt("batch");
        double lr = o.getDouble("lr");
        Generator gen = new Generator(ctx.seed());
        // Data first, so that it is the same on every attempt: x ~ U(-1, 1), y = a x + b + noise.
        NdArray x = gen.uniform(DType.FLOAT64, -1, 1, n);
        NdArray y = x.mul(o.getDouble("slope")).add(o.getDouble("intercept"))
                .add(gen.randn(DType.FLOAT64, n).mul(o.getDouble("noise")));
        double a = 0, b = 0;
        if (o.getString("init").equals("normal")) {
            double[] ab = gen.randn(DType.FLOAT64, 2).toDoubleArray();
            a = ab[0];
            b = ab[1];
        }
        Checkpoint ck = ctx.checkpoint();
        if (ck.latest().isPresent()) {
            Checkpoint.Saved s = ck.latest().get();
            a = s.getDouble("a");
            b = s.getDouble("b");
            gen.setState(new Generator.State(s.getLong("gen_seed"), s.getLong("gen_offset")));
        }
        int failAt = o.getInt("fail-at"), every = o.getInt("checkpoint-every");
        try (Progress progress = ctx.progress("linefit", ck.nextStep(), steps)) {
            for (long step = ck.nextStep(); step < steps; step++) {
                NdArray idx = gen.randint(0, n, batch);
                NdArray xb = Indexing.indexSelect(x, 0, idx), yb = Indexing.indexSelect(y, 0, idx);
                // r = a x + b - y;  L = mean(r^2);  dL/da = 2 mean(r x);  dL/db = 2 mean(r)
                NdArray r = xb.mul(a).add(b).sub(yb);
                double loss = r.square().mean().item();
                double ga = 2 * r.mul(xb).mean().item(), gb = 2 * r.mean().item();
                a -= lr * ga;
                b -= lr * gb;
                ctx.metrics().log(step, "loss", loss, "a", a, "b", b);
                if (step == failAt) throw new IllegalStateException("simulated crash after step " + step);
                if ((step + 1) % every == 0) {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("a", a);
                    state.put("b", b);
                    state.put("gen_seed", gen.state().seed());
                    state.put("gen_offset", gen.state().offset());
                    ck.save(step, state);
                }
                progress.message(String.format(java.util.Locale.ROOT, "loss %.4f", loss));
                progress.step();
            }
        }
        ctx.plots().metricLines("loss.png", "Training loss", "mean squared error", true, "loss");
        ctx.plots().estimateVsTruth("fit.png", "Fitted against true coefficients", "coefficient",
                List.of(new Plots.Series("fit", new double[] {o.getDouble("slope"), o.getDouble("intercept")}, new double[] {a, b})));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("a", a);
        summary.put("b", b);
        summary.put("steps", steps);
        ctx.writeSummary(summary);
    }
}
