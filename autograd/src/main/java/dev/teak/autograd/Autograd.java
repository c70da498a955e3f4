package dev.teak.autograd;

/**
 * Functional gradients (PyTorch's {@code torch.autograd.grad}): the gradients of outputs with
 * respect to chosen inputs, returned instead of accumulated into {@code .grad}. With
 * {@code createGraph} the returned gradients carry their own graph, so they can be
 * differentiated again: Hessian-vector products, hypergradients through an inner loop.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * @param outputs     tensors to differentiate
     * @param inputs      tensors (leaves or intermediates) to differentiate with respect to
     * @param gradOutputs one per output, or null entries (or a null array) for one-element outputs (seed 1)
     * @param createGraph record the backward pass so the results are differentiable (implies retaining the graph)
     * @param allowUnused return null for an input the outputs do not depend on, instead of failing
     * @return one gradient per input, shaped like it
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean createGraph, boolean allowUnused) {
        return grad(outputs, inputs, gradOutputs, createGraph, createGraph, allowUnused);
    }

    /** As above, with {@code retainGraph} chosen separately (it defaults to {@code createGraph}). */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean retainGraph,
                                boolean createGraph, boolean allowUnused) {
        if (gradOutputs != null && gradOutputs.length != outputs.length) {
            throw new IllegalArgumentException("grad: " + gradOutputs.length + " gradOutputs for " + outputs.length + " outputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + i + " of shape " + dev.teak.tensor.Shape.str(inputs[i].shape())
                        + " does not require grad");
            }
        }
        Tensor[] seeds = gradOutputs != null ? gradOutputs : new Tensor[outputs.length];
        return BackwardEngine.run(outputs, seeds, retainGraph || createGraph, createGraph, inputs, allowUnused);
    }

    /** The gradient of one one-element output with respect to one input (no graph kept). */
    public static Tensor grad(Tensor output, Tensor input) {
        return grad(new Tensor[] {output}, new Tensor[] {input}, null, false, false)[0];
    }
}
