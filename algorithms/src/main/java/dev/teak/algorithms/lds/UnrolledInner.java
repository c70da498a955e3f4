package dev.teak.algorithms.lds;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.Tensor;
import dev.teak.nn.optim.DifferentiableAdam;
import dev.teak.nn.optim.FunctionalOptimizer;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The inner problem of LDS, stepped one optimiser update at a time, and the hypergradient by
 * truncated reverse-mode differentiation through the last window of updates (spec, Algorithm
 * steps 2-5; Franceschi et al. 2017 for reverse-mode hypergradients).
 *
 * <p>Each inner step draws its own graph {@code A_t} and makes the update
 * {@code w_{t+1} = Phi(w_t, A_t) = OptStep(w_t, grad_w L(w_t, A_t))} with
 * {@code Autograd.grad(..., createGraph = true)} and the {@link FunctionalOptimizer}'s own
 * differentiable update, so that {@code w_{t+1}} carries a graph back to {@code A_t}.
 *
 * <p>Straight-through: every graph of a window enters as {@code A_t = P + S_t}, with one zero
 * leaf {@code P} per window and {@code S_t} the constant sample. Then
 * {@code dF/dP = sum_t dF/dA_t}: the direct term of the outer graph plus the terms through
 * {@code w_T} (spec, step 4), i.e. the hypergradient with {@code dA/dtheta := I} before
 * symmetrisation ({@link EdgeProbabilities#symmetrisedGradient}). At the end of a window the
 * weights and the optimiser's moments are detached: the truncation point (earlier updates are
 * treated as constants).
 */
public final class UnrolledInner {
    /** What one window gives: {@code dF/dA} ([n, n], not symmetrised) and the outer loss F. */
    public record Hyper(NdArray gradA, double outerLoss, int windowSteps) {}

    private final GraphClassifier model;
    private final NodeFeatures x;
    private final NdArray labels, trainIdx, valIdx;
    private final FunctionalOptimizer opt;
    private final boolean recording;
    private List<Tensor> w;
    private Tensor anchor;
    private int windowSteps;

    /**
     * @param recording true to record the updates for a hypergradient; false for plain training
     *                  (a fixed graph, or a network without one): each update is detached at once
     */
    public UnrolledInner(GraphClassifier model, NodeFeatures x, NdArray labels, NdArray trainIdx, NdArray valIdx,
                         FunctionalOptimizer opt, List<Tensor> w0, boolean recording) {
        this.model = model;
        this.x = x;
        this.labels = labels;
        this.trainIdx = trainIdx;
        this.valIdx = valIdx;
        this.opt = opt;
        this.recording = recording;
        this.w = leaves(w0);
    }

    /** The current weights (carrying the window's graph while a window is open). */
    public List<Tensor> weights() { return w; }

    /** Updates recorded since the last hypergradient. */
    public int windowSteps() { return windowSteps; }

    /**
     * One inner update on graph {@code a} ([n, n] raw adjacency; ignored by a network without a
     * graph, may be null then), with dropout drawn from {@code dropoutGen} (null: none).
     * Returns the inner loss {@code L(w_t, A_t)} before the update.
     */
    public double step(NdArray a, Generator dropoutGen) { return step(new EdgeProbabilities.Sample(a, null), dropoutGen); }

    /** As {@link #step(NdArray, Generator)} with a sampled graph that carries its sparse copy. */
    public double step(EdgeProbabilities.Sample a, Generator dropoutGen) {
        GraphClassifier.Propagation prop = null;
        if (model.usesGraph()) {
            Tensor at = new Tensor(a.dense());
            if (recording) at = anchor(a.dense()).add(at);
            prop = new GraphClassifier.Propagation(at, a.sparse());
        }
        return step(prop, dropoutGen);
    }

    private Tensor anchor(NdArray like) {
        if (anchor == null) anchor = new Tensor(NdArray.zeros(like.dtype(), like.shape()).to(like.device()), true);
        return anchor;
    }

    /** One inner update with a propagation built by the caller (a fixed graph reused across steps). */
    public double step(GraphClassifier.Propagation prop, Generator dropoutGen) {
        Tensor loss = model.loss(model.logits(x, prop, w, dropoutGen), labels, trainIdx, w, true);
        Tensor[] g = Autograd.grad(new Tensor[] {loss}, w.toArray(new Tensor[0]), null, recording, false);
        w = opt.step(w, List.of(g));
        windowSteps++;
        if (!recording) truncate();
        return loss.item();
    }

    /**
     * Ends the window: the outer objective {@code F(w_T, A)} on the validation nodes with graph
     * {@code a} (one sample, spec pitfall "Outer objective"; no dropout), and its gradient with
     * respect to every graph of the window, summed. Then truncates.
     */
    public Hyper hypergradient(NdArray a) { return hypergradient(new EdgeProbabilities.Sample(a, null)); }

    /** As {@link #hypergradient(NdArray)} with a sampled graph that carries its sparse copy. */
    public Hyper hypergradient(EdgeProbabilities.Sample a) {
        if (!recording || !model.usesGraph()) throw new IllegalStateException("hypergradient: this inner problem does not record a graph");
        Tensor ao = anchor(a.dense()).add(new Tensor(a.dense()));
        Tensor f = model.loss(model.logits(x, new GraphClassifier.Propagation(ao, a.sparse()), w, null), labels, valIdx, w, false);
        Tensor g = Autograd.grad(new Tensor[] {f}, new Tensor[] {anchor}, null, false, false)[0];
        Hyper h = new Hyper(g.data(), f.item(), windowSteps);
        truncate();
        return h;
    }

    /** Cuts the graph: weights and optimiser moments become constants, the anchor is dropped. */
    private void truncate() {
        w = leaves(w);
        // The moments after w_{T-tau} are constants of the next window, exactly as the weights.
        if (opt instanceof DifferentiableAdam adam) adam.detachState();
        anchor = null;
        windowSteps = 0;
    }

    private static List<Tensor> leaves(List<Tensor> ws) {
        List<Tensor> out = new ArrayList<>(ws.size());
        for (Tensor t : ws) out.add(t.detach().requiresGrad(true));
        return out;
    }
}
