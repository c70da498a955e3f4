package dev.teak.algorithms.lds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.optim.DifferentiableAdam;
import dev.teak.nn.optim.DifferentiableSGD;
import dev.teak.nn.optim.FunctionalOptimizer;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The truncated reverse-mode hypergradient against central finite differences (spec, Tests 1
 * and 2): N = 5 nodes, F = 3 features, H = 4 hidden, C = 2 classes, float64, sampling replaced
 * by {@code A = sym(theta)} so that the straight-through estimator is exact, T = 10 inner steps
 * of plain gradient descent and, separately, of Adam, through the optimiser's own update.
 */
class HypergradientTest {
    private static final int N = 5, FEAT = 3, HID = 4, C = 2, T = 10;
    private static final double H = 1e-5;

    private final NodeTask task;
    private final GraphClassifier model = new GraphClassifier(GraphClassifier.Kind.GCN, FEAT, HID, C, 0, 5e-4);
    private final EdgeProbabilities theta0;
    private final List<Tensor> w0;

    HypergradientTest() {
        Generator gen = new Generator(11);
        double[] xs = gen.randn(DType.FLOAT64, N * FEAT).toDoubleArray();
        double[][] x = new double[N][FEAT];
        for (int i = 0; i < N; i++) System.arraycopy(xs, i * FEAT, x[i], 0, FEAT);
        task = new NodeTask("tiny", x, new int[] {0, 1, 0, 1, 0}, C, null, new int[] {0, 1, 2}, new int[] {3, 4}, new int[0], new int[0]);
        double[] t = gen.uniform(DType.FLOAT64, 0.1, 0.9, N * N).toDoubleArray();
        theta0 = EdgeProbabilities.fromUpper(t, N);
        w0 = model.initWeights(new Generator(5), DType.FLOAT64);
    }

    private UnrolledInner inner(Supplier<FunctionalOptimizer> opt) {
        NodeFeatures x = NodeFeatures.dense(new Tensor(task.featureArray(DType.FLOAT64)));
        return new UnrolledInner(model, x, task.labelArray(), NodeTask.index(task.train()), NodeTask.index(task.val()), opt.get(), w0, true);
    }

    /** F after {@code pre} steps at theta0 (then truncated) and {@code post} steps at theta, and the hypergradient of that window. */
    private UnrolledInner.Hyper run(Supplier<FunctionalOptimizer> opt, int pre, int post, EdgeProbabilities theta) {
        UnrolledInner in = inner(opt);
        for (int t = 0; t < pre; t++) in.step(theta0.mean(DType.FLOAT64), null);
        if (pre > 0) in.hypergradient(theta0.mean(DType.FLOAT64));
        for (int t = 0; t < post; t++) in.step(theta.mean(DType.FLOAT64), null);
        return in.hypergradient(theta.mean(DType.FLOAT64));
    }

    private void check(String what, Supplier<FunctionalOptimizer> opt, int pre, int post) {
        double[] analytic = EdgeProbabilities.symmetrisedGradient(run(opt, pre, post, theta0).gradA());
        double num2 = 0, err2 = 0;
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                EdgeProbabilities plus = theta0.copy(), minus = theta0.copy();
                plus.set(i, j, theta0.get(i, j) + H);
                minus.set(i, j, theta0.get(i, j) - H);
                double fd = (run(opt, pre, post, plus).outerLoss() - run(opt, pre, post, minus).outerLoss()) / (2 * H);
                double a = analytic[i * N + j];
                assertTrue(Math.abs(a - fd) <= 1e-5 * Math.abs(fd) + 1e-9,
                        what + ": dF/dtheta(" + i + "," + j + ") reverse mode " + a + ", central difference " + fd);
                num2 += fd * fd;
                err2 += (a - fd) * (a - fd);
            }
        }
        assertTrue(num2 > 1e-12, what + ": the hypergradient should not vanish (|G|^2 = " + num2 + ")");
        assertTrue(Math.sqrt(err2 / num2) < 1e-5, what + ": relative error " + Math.sqrt(err2 / num2));
        for (int i = 0; i < N; i++) for (int j = 0; j <= i; j++) assertTrue(analytic[i * N + j] == 0, "lower triangle stays 0");
    }

    private static Supplier<FunctionalOptimizer> sgd() { return () -> new DifferentiableSGD(new Tensor(NdArray.scalar(0.5, DType.FLOAT64))); }

    private static Supplier<FunctionalOptimizer> adam() { return () -> new DifferentiableAdam(new Tensor(NdArray.scalar(0.05, DType.FLOAT64))); }

    /** The inner optimiser LDS trains with (FAR-HO's Adam, eps inside the square root). */
    private static Supplier<FunctionalOptimizer> innerAdam() { return () -> InnerAdam.create(new Tensor(NdArray.scalar(0.05, DType.FLOAT64))); }

    @Test void fullUnrollThroughInnerAdam() { check("InnerAdam, full unroll", innerAdam(), 0, T); }

    @Test void truncatedThroughInnerAdam() { check("InnerAdam, tau = 3", innerAdam(), T - 3, 3); }

    @Test void fullUnrollThroughGradientDescent() { check("GD, full unroll", sgd(), 0, T); }

    @Test void fullUnrollThroughAdam() { check("Adam, full unroll", adam(), 0, T); }

    /** tau = 3: the finite difference of F(Phi^3(w_{T-3} frozen, theta), theta), w_{T-3} (and Adam's moments) held at theta0. */
    @Test void truncatedThroughGradientDescent() { check("GD, tau = 3", sgd(), T - 3, 3); }

    @Test void truncatedThroughAdam() { check("Adam, tau = 3", adam(), T - 3, 3); }

    /** Truncation is a real approximation here: the 3-step hypergradient differs from the full one. */
    @Test void truncationChangesTheGradient() {
        double[] full = EdgeProbabilities.symmetrisedGradient(run(adam(), 0, T, theta0).gradA());
        UnrolledInner in = inner(adam());
        for (int t = 0; t < T - 3; t++) in.step(theta0.mean(DType.FLOAT64), null);
        in.hypergradient(theta0.mean(DType.FLOAT64));
        for (int t = 0; t < 3; t++) in.step(theta0.mean(DType.FLOAT64), null);
        double[] trunc = EdgeProbabilities.symmetrisedGradient(in.hypergradient(theta0.mean(DType.FLOAT64)).gradA());
        double diff = 0;
        for (int k = 0; k < full.length; k++) diff = Math.max(diff, Math.abs(full[k] - trunc[k]));
        assertTrue(diff > 1e-6, "truncated and full hypergradients coincide (max difference " + diff + ")");
    }
}
