package dev.teak.nn.optim;

import dev.teak.autograd.Tensor;
import java.util.List;

/**
 * An optimizer in functional, differentiable form: {@link #step} returns new parameter tensors
 * computed with autograd ops from the old ones, the gradients and the optimizer's state (kept as
 * tensors). Given gradients from {@code Autograd.grad(..., createGraph = true)}, the new
 * parameters carry the graph of the update, so a bilevel method can unroll several steps and
 * differentiate a validation loss with respect to the initial weights or to hyperparameters
 * (e.g. a learning rate given as a tensor that requires grad).
 */
public interface FunctionalOptimizer {
    /** The parameters after one update; {@code grads.get(i)} is the gradient of {@code params.get(i)}. */
    List<Tensor> step(List<Tensor> params, List<Tensor> grads);

    /** Forgets the state (moments, step count) to start a new unroll. */
    void reset();
}
