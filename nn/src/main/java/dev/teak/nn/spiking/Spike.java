package dev.teak.nn.spiking;

import dev.teak.autograd.Node;
import dev.teak.autograd.Tensor;

/**
 * The spike nonlinearity as a custom autograd op: forward is the Heaviside step
 * {@code H(x) = 1 if x > 0 else 0} (strict, as snntorch and the specification define it: a
 * membrane exactly at threshold does not fire yet), backward
 * multiplies the upstream gradient by the {@link Surrogate}'s derivative at {@code x}.
 */
public final class Spike {
    private Spike() {}

    /** {@code H(x)} with the surrogate gradient. */
    public static Tensor apply(Tensor x, Surrogate surrogate) {
        var out = x.data().gt(dev.teak.tensor.NdArray.scalar(0, x.dtype())).to(x.dtype());
        if (!Tensor.isRecording(x)) return new Tensor(out);
        return Tensor.fromNode(out, new HeavisideNode(x, surrogate));
    }

    private static final class HeavisideNode extends Node {
        private final Surrogate surrogate;

        HeavisideNode(Tensor x, Surrogate surrogate) {
            super(x);
            this.surrogate = surrogate;
            save(x);
        }

        @Override
        public String name() { return "spike[" + surrogate.name() + "]"; }

        @Override
        protected Tensor[] backward(Tensor g) { return new Tensor[] {g.mul(surrogate.derivative(saved(0)))}; }
    }
}
