package dev.teak.nn.spiking;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaky (LIF) and plain (IF, {@code beta = 1}) integrate-and-fire neurons unrolled over time
 * (Neftci, Mostafa and Zenke 2019, eqs. 1-3 in discrete time). For input currents
 * {@code I [T, ...]}, with {@code U_{-1} = 0}:
 * <pre>
 *   U_t  = beta U'_{t-1} + I_t
 *   S_t  = H(U_t - threshold)                    (surrogate gradient, see {@link Spike})
 *   U'_t = U_t - threshold sg(S_t)               (reset by subtraction)
 *   U'_t = U_t (1 - sg(S_t))                     (reset to zero)
 * </pre>
 * where {@code sg} stops the gradient: the reset is treated as a constant in backward, so
 * gradients flow through the membrane's leak only (the usual choice, which avoids the
 * surrogate's error feeding back through the reset).
 */
public final class SpikingNeuron extends Module {
    /** Spikes and membrane potentials (before reset), each {@code [T, ...]}. */
    public record Trace(Tensor spikes, Tensor membrane) {}

    private final double beta, threshold;
    private final Reset reset;
    private final Surrogate surrogate;

    private SpikingNeuron(double beta, double threshold, Reset reset, Surrogate surrogate) {
        if (!(beta >= 0 && beta <= 1)) throw new IllegalArgumentException("SpikingNeuron: beta must lie in [0, 1], got " + beta);
        if (!(threshold > 0)) throw new IllegalArgumentException("SpikingNeuron: threshold must be positive, got " + threshold);
        this.beta = beta;
        this.threshold = threshold;
        this.reset = reset;
        this.surrogate = surrogate;
    }

    /** A leaky integrate-and-fire neuron with decay {@code beta} per step. */
    public static SpikingNeuron leaky(double beta, double threshold, Reset reset, Surrogate surrogate) {
        return new SpikingNeuron(beta, threshold, reset, surrogate);
    }

    /** A plain (non-leaky) integrate-and-fire neuron. */
    public static SpikingNeuron integrateAndFire(double threshold, Reset reset, Surrogate surrogate) {
        return new SpikingNeuron(1, threshold, reset, surrogate);
    }

    /** Runs the neuron over the leading time axis of {@code currents [T, ...]}. */
    public Trace forward(Tensor currents) {
        if (currents.dim() < 1 || currents.size(0) == 0) {
            throw new IllegalArgumentException("SpikingNeuron: expected currents [T, ...] with T > 0, got " + Shape.str(currents.shape()));
        }
        int steps = currents.size(0);
        List<Tensor> spikes = new ArrayList<>(steps), membrane = new ArrayList<>(steps);
        Tensor u = null;
        for (int t = 0; t < steps; t++) {
            Tensor in = currents.select(0, t);
            u = u == null ? in : (beta == 1 ? u.add(in) : u.mul(beta).add(in));
            Tensor s = Spike.apply(u.sub(threshold), surrogate);
            spikes.add(s);
            membrane.add(u);
            Tensor fired = s.detach();
            u = reset == Reset.SUBTRACT ? u.sub(fired.mul(threshold)) : u.mul(fired.rsub(1));
        }
        return new Trace(Tensor.stack(0, spikes.toArray(new Tensor[0])), Tensor.stack(0, membrane.toArray(new Tensor[0])));
    }
}
