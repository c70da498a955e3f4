package dev.teak.nn.optim;

import static dev.teak.nn.Tensors.constant;
import static dev.teak.nn.Tensors.leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.GradCheck;
import dev.teak.autograd.GradMode;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.Sequential;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.Tanh;
import dev.teak.tensor.random.Generator;
import dev.teak.nn.functional.F;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hypergradients through unrolled differentiable SGD and Adam: the gradient of a validation
 * loss after a few inner steps, with respect to the initial weights and the learning rate,
 * equals the central finite difference of the whole unroll ({@link GradCheck}).
 */
class DifferentiableOptimizerTest {
    private static final Tensor X = constant(1, 6, 3), Y = constant(2, 6), XV = constant(3, 4, 3), YV = constant(4, 4);

    /** Training loss of a one-layer tanh regression with weights {@code w [3]} and bias {@code b []}. */
    private static Tensor loss(Tensor x, Tensor y, List<Tensor> p) {
        return F.mse(x.matmul(p.get(0)).add(p.get(1)).tanh(), y);
    }

    /** Validation loss after {@code steps} inner steps from {@code (w0, b0)}; inputs: w0, b0, lr. */
    private static Function<Tensor[], Tensor> unrolled(Function<Tensor, FunctionalOptimizer> make, int steps) {
        return in -> {
            // GradCheck evaluates the perturbed points under noGrad; the inner gradients need a graph.
            try (GradMode.Guard g = GradMode.enableGrad()) {
                FunctionalOptimizer opt = make.apply(in[2]);
                List<Tensor> p = List.of(in[0], in[1]);
                for (int s = 0; s < steps; s++) {
                    Tensor[] grads = Autograd.grad(new Tensor[] {loss(X, Y, p)}, p.toArray(new Tensor[0]), null, true, false);
                    p = opt.step(p, List.of(grads));
                }
                return loss(XV, YV, p);
            }
        };
    }

    private static Tensor[] inputs(double lr) {
        return new Tensor[] {leaf(5, 3), leaf(6), new Tensor(NdArray.scalar(lr, DType.FLOAT64), true)};
    }

    /** Both forms check their betas and eps when built: eps = 0 is the textbook form's limit, not the other's. */
    @Test
    void adamRejectsBadHyperparameters() {
        Tensor lr = Tensor.scalar(0.05, DType.FLOAT64);
        String betas = assertThrows(IllegalArgumentException.class, () -> new DifferentiableAdam(lr, 0.9, 1.0, 1e-8)).getMessage();
        assertTrue(betas.contains("betas must lie in [0, 1)") && betas.contains("1.0"), betas);
        String eps = assertThrows(IllegalArgumentException.class, () -> new DifferentiableAdam(lr, 0.9, 0.99, Double.NaN)).getMessage();
        assertTrue(eps.contains("eps must be >= 0") && eps.contains("NaN"), eps);
        new DifferentiableAdam(lr, 0.9, 0.99, 0);
        String inside = assertThrows(IllegalArgumentException.class, () -> DifferentiableAdam.epsilonInsideSqrt("hyper", lr, 0.9, 0.99, 0)).getMessage();
        assertTrue(inside.startsWith("hyper: eps must be > 0"), inside);
        assertThrows(IllegalArgumentException.class, () -> DifferentiableAdam.epsilonInsideSqrt("hyper", lr, -0.1, 0.99, 1e-8));
    }

    @Test
    void sgdUnrollMatchesFiniteDifferences() {
        GradCheck.check("unrolled SGD x3", unrolled(lr -> new DifferentiableSGD(lr), 3), inputs(0.3), 1);
        GradCheck.check("unrolled SGD momentum x3",
                unrolled(lr -> new DifferentiableSGD(lr, Tensor.scalar(0.8, DType.FLOAT64)), 3), inputs(0.2), 2);
    }

    @Test
    void adamUnrollMatchesFiniteDifferences() {
        GradCheck.check("unrolled Adam x3", unrolled(lr -> new DifferentiableAdam(lr, 0.9, 0.99, 1e-8), 3), inputs(0.05), 3);
    }

    @Test
    void unrollThroughAModule() {
        // An MLP whose parameter tensors are swapped for the updated ones after every inner step.
        Generator gen = new Generator(9);
        Sequential net = new Sequential(new Linear(3, 4, gen), new Tanh(), new Linear(4, 1, gen));
        net.to(DType.FLOAT64);
        List<Tensor> initial = net.parameterTensors();
        Tensor lr = new Tensor(NdArray.scalar(0.4, DType.FLOAT64), true);
        List<Tensor> inputs = new ArrayList<>(initial);
        inputs.add(lr);
        GradCheck.check("unrolled module SGD x2", in -> {
            try (GradMode.Guard g = GradMode.enableGrad()) {
                net.setParameterTensors(List.of(in).subList(0, initial.size()));
                FunctionalOptimizer opt = new DifferentiableSGD(in[in.length - 1], Tensor.scalar(0.5, DType.FLOAT64));
                for (int s = 0; s < 2; s++) {
                    List<Tensor> p = net.parameterTensors();
                    Tensor loss = F.mse(net.forward(X).reshape(-1), Y);
                    Tensor[] grads = Autograd.grad(new Tensor[] {loss}, p.toArray(new Tensor[0]), null, true, false);
                    net.setParameterTensors(opt.step(p, List.of(grads)));
                }
                return F.mse(net.forward(XV).reshape(-1), YV);
            }
        }, inputs.toArray(new Tensor[0]), 4);
        net.setParameterTensors(initial);
    }

    @Test
    void hypergradientWithRespectToTheLearningRateByHand() {
        // One SGD step on L(w) = 0.5 w^2 from w0: w1 = w0 - lr w0; validation loss V = w1^2, so
        // dV/dlr = 2 w1 (-w0) = -2 w0^2 (1 - lr): at w0 = 2, lr = 0.25, -6.
        Tensor w0 = new Tensor(NdArray.scalar(2, DType.FLOAT64), true);
        Tensor lr = new Tensor(NdArray.scalar(0.25, DType.FLOAT64), true);
        Tensor g = Autograd.grad(new Tensor[] {w0.square().mul(0.5)}, new Tensor[] {w0}, null, true, false)[0];
        Tensor w1 = new DifferentiableSGD(lr).step(List.of(w0), List.of(g)).get(0);
        assertEquals(-6, Autograd.grad(w1.square(), lr).item(), 1e-12);
    }

    @Test
    void functionalAdamMatchesTheInPlaceAdam() {
        Parameter p = new Parameter(leaf(7, 3).data().copy());
        Adam adam = new Adam(List.of(p), 0.05, 0.9, 0.99, 1e-8, 0, false);
        DifferentiableAdam fadam = new DifferentiableAdam(Tensor.scalar(0.05, DType.FLOAT64), 0.9, 0.99, 1e-8);
        List<Tensor> w = List.of(new Tensor(p.data().copy(), true));
        for (int s = 0; s < 3; s++) {
            p.zeroGrad();
            p.get().sin().sum().backward();
            adam.step();
            Tensor[] g = Autograd.grad(new Tensor[] {w.get(0).sin().sum()}, w.toArray(new Tensor[0]), null, false, false);
            List<Tensor> next = new ArrayList<>(fadam.step(w, List.of(g)));
            w = List.of(next.get(0).detach().requiresGrad(true));
            assertArrayEquals(p.data().toDoubleArray(), w.get(0).data().toDoubleArray(), 1e-14, "step " + (s + 1));
        }
    }
}
