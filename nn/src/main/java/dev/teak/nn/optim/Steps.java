package dev.teak.nn.optim;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.Shape;
import java.util.List;

/** Argument checks shared by the functional optimizers. */
final class Steps {
    private Steps() {}

    static void requireMatching(String op, List<Tensor> params, List<Tensor> grads) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(op + ": " + params.size() + " parameters but " + grads.size() + " gradients");
        }
        for (int i = 0; i < params.size(); i++) {
            if (grads.get(i) == null || !java.util.Arrays.equals(params.get(i).shape(), grads.get(i).shape())) {
                throw new IllegalArgumentException(op + ": gradient " + i + " "
                        + (grads.get(i) == null ? "is null" : "has shape " + Shape.str(grads.get(i).shape()))
                        + " for a parameter of shape " + Shape.str(params.get(i).shape()));
            }
        }
    }
}
