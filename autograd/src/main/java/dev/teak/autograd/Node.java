package dev.teak.autograd;

import dev.teak.tensor.Shape;

/**
 * One recorded operation: the edge to its inputs, what it saved for backward, and its backward
 * rule. Each primitive is one small subclass whose {@link #backward} is written with
 * differentiable {@link Tensor} ops, so running it with grad mode on records the gradient's own
 * graph (second-order gradients).
 *
 * <p>Custom ops subclass it too: compute the result on {@link dev.teak.tensor.NdArray}s, and
 * when {@link Tensor#isRecording} wrap it with {@link Tensor#fromNode}; {@link GradCheck}
 * verifies the rule.
 *
 * <p>Saved tensors carry the version they had when saved; reading one whose version has moved
 * (an in-place update after the forward) throws instead of giving a wrong gradient. After a
 * backward without {@code retainGraph} the node is released and a second backward through it
 * fails with a message saying so.
 */
public abstract class Node {
    /** The op's inputs; an entry that does not require grad gets no gradient. */
    final Tensor[] inputs;
    private Tensor[] saved;
    private int[] savedVersions;
    private boolean released;
    /** The output whose gradient backward() should keep ({@link Tensor#retainGrad}), or null. */
    Tensor retained;
    /** Where the node was created; only captured in anomaly mode. */
    Throwable creation;

    // State owned by BackwardEngine during one pass (fields, not a map: no hashing per node).
    int epoch;
    int deps;
    Tensor pending;
    boolean needed;
    boolean capture;

    protected Node(Tensor... inputs) { this.inputs = inputs; }

    /** The op's name, used in error messages (e.g. {@code mul}, {@code sum}). */
    public abstract String name();

    /**
     * Gradients for each input given the gradient {@code g} of the output; an entry may be null
     * when that input needs no gradient ({@link #needsGrad}).
     */
    protected abstract Tensor[] backward(Tensor g);

    /** Input {@code i} as given to the constructor. */
    protected final Tensor input(int i) { return inputs[i]; }

    /** Whether input {@code i} wants a gradient (so rules can skip work). */
    protected final boolean needsGrad(int i) { return inputs[i] != null && inputs[i].requiresGrad(); }

    /** Keeps tensors for backward, remembering their versions. */
    protected final void save(Tensor... ts) {
        saved = ts;
        savedVersions = new int[ts.length];
        for (int i = 0; i < ts.length; i++) savedVersions[i] = ts[i].version();
    }

    /** A saved tensor; fails when it was modified in place since it was saved. */
    protected final Tensor saved(int i) {
        Tensor t = saved[i];
        if (t.version() != savedVersions[i]) {
            throw new IllegalStateException("backward of '" + name() + "': saved tensor " + i + " of shape "
                    + Shape.str(t.shape()) + " was modified by an in-place operation (version "
                    + t.version() + ", saved at version " + savedVersions[i]
                    + "); clone it before updating it in place, or update it after backward");
        }
        return t;
    }

    final boolean isReleased() { return released; }

    /** Drops saved tensors after a backward that does not retain the graph. */
    final void release() {
        released = true;
        saved = null;
        savedVersions = null;
    }

    final void failIfReleased() {
        if (released) {
            throw new IllegalStateException("backward through the graph a second time: op '" + name()
                    + "' already ran backward and freed its saved tensors; pass retainGraph=true to the first"
                    + " backward (or Autograd.grad) if you need to backpropagate through this graph again");
        }
    }

    @Override
    public String toString() { return name() + "Backward"; }
}
