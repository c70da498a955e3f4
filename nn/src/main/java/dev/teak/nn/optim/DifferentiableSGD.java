package dev.teak.nn.optim;

import dev.teak.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum as a {@link FunctionalOptimizer}:
 * {@code b = mu b + g} ({@code b = g} at the first step), {@code w' = w - lr b}. The learning
 * rate and momentum are tensors, so either may require grad (hypergradients).
 */
public final class DifferentiableSGD implements FunctionalOptimizer {
    private final Tensor lr, momentum;
    private List<Tensor> buffers;

    /** @param momentum null for plain SGD */
    public DifferentiableSGD(Tensor lr, Tensor momentum) {
        this.lr = lr;
        this.momentum = momentum;
    }

    public DifferentiableSGD(Tensor lr) { this(lr, null); }

    @Override
    public List<Tensor> step(List<Tensor> params, List<Tensor> grads) {
        Steps.requireMatching("DifferentiableSGD", params, grads);
        List<Tensor> out = new ArrayList<>(params.size());
        List<Tensor> next = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            Tensor g = grads.get(i);
            if (momentum != null) {
                g = buffers == null ? g : buffers.get(i).mul(momentum).add(g);
                next.add(g);
            }
            out.add(params.get(i).sub(g.mul(lr)));
        }
        if (momentum != null) buffers = next;
        return out;
    }

    @Override
    public void reset() { buffers = null; }
}
