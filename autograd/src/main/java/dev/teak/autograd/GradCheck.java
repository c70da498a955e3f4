package dev.teak.autograd;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks analytic gradients against central finite differences in float64 (PyTorch's
 * {@code gradcheck} in its projected form). For a function {@code f} of float64 inputs, a
 * random upstream gradient {@code v} (drawn from {@code seed}) turns the output into the
 * scalar {@code s(x) = sum(f(x) * v)}; then for every element of every input requiring grad
 * <pre>
 *   numeric  = (s(x + eps e_i) - s(x - eps e_i)) / (2 eps)
 *   analytic = (Autograd.grad(f(x), x, v))_i
 * </pre>
 * must agree within {@code |a - n| <= atol + rtol |n|}. Inputs are perturbed in place and
 * restored exactly, so non-contiguous layouts are checked as given (do not pass stride-0
 * expanded inputs: one element there stands for many). A failure throws
 * {@link GradCheck.Failure} naming the op, the input, the element, both values and the seed.
 */
public final class GradCheck {
    private GradCheck() {}

    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    /** A gradient disagreement, as an {@link AssertionError} so test runners report it as a failure. */
    public static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;

        Failure(String message) { super(message); }
    }

    /** Checks with the default tolerances; {@code op} names the function in failure messages. */
    public static void check(String op, Function<Tensor[], Tensor> f, Tensor[] inputs, long seed) {
        check(op, f, inputs, seed, EPS, ATOL, RTOL);
    }

    public static void check(String op, Function<Tensor[], Tensor> f, Tensor[] inputs, long seed, double eps, double atol, double rtol) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.FLOAT64 && inputs[i].requiresGrad()) {
                throw new IllegalArgumentException("gradcheck(" + op + "): input " + i + " is " + inputs[i].dtype().pyName()
                        + "; finite differences need float64 inputs");
            }
        }
        Tensor out = f.apply(inputs);
        Tensor v = randomLike(out, seed);
        double[][] analytic = analytic(out, v, inputs);
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) continue;
            NdArray x = inputs[i].data();
            int[] shape = x.shape();
            int[] idx = new int[shape.length];
            for (int e = 0; e < x.numel(); e++, Shape.increment(idx, shape)) {
                double orig = x.getDouble(idx);
                double plus, minus;
                try (GradMode.Guard g = GradMode.noGrad()) {
                    x.set(orig + eps, idx);
                    plus = project(f.apply(inputs), v);
                    x.set(orig - eps, idx);
                    minus = project(f.apply(inputs), v);
                } finally {
                    x.set(orig, idx);
                }
                double numeric = (plus - minus) / (2 * eps), a = analytic[i][e];
                if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
                    throw new Failure("gradcheck failed for op '" + op + "': input " + i + " of shape " + Shape.str(shape)
                            + ", element " + Shape.str(idx.clone()) + " (flat " + e + "): analytic " + a + ", numeric " + numeric
                            + " (eps " + eps + ", atol " + atol + ", rtol " + rtol + ", seed " + seed + ")");
                }
            }
        }
    }

    /** Analytic gradients of {@code sum(out * v)}, flattened row-major; zeros for unused inputs. */
    static double[][] analytic(Tensor out, Tensor v, Tensor[] inputs) {
        int k = 0;
        for (Tensor t : inputs) if (t.requiresGrad()) k++;
        Tensor[] wanted = new Tensor[k];
        k = 0;
        for (Tensor t : inputs) if (t.requiresGrad()) wanted[k++] = t;
        Tensor[] grads = out.requiresGrad() && k > 0
                ? Autograd.grad(new Tensor[] {out}, wanted, new Tensor[] {v}, false, true) : new Tensor[k];
        double[][] result = new double[inputs.length][];
        k = 0;
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) continue;
            Tensor g = grads[k++];
            if (g != null && !java.util.Arrays.equals(g.shape(), inputs[i].shape())) {
                throw new Failure("gradcheck: gradient of shape " + Shape.str(g.shape()) + " for input " + i + " of shape "
                        + Shape.str(inputs[i].shape()));
            }
            result[i] = g == null ? new double[inputs[i].numel()] : g.data().toDoubleArray();
        }
        return result;
    }

    static double project(Tensor out, Tensor v) {
        double[] a = out.data().toDoubleArray(), b = v.data().toDoubleArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Standard-normal-ish values in [-1, 1) with {@code like}'s shape, float64, from a seed. */
    static Tensor randomLike(Tensor like, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[like.numel()];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return new Tensor(NdArray.of(v).reshape(like.shape()));
    }
}
