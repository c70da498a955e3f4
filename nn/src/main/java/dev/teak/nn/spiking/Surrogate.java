package dev.teak.nn.spiking;

import dev.teak.autograd.Tensor;

/**
 * The derivative that replaces the Heaviside step's (zero almost everywhere) in backward
 * (Neftci, Mostafa and Zenke 2019). Each surrogate is the exact derivative of a smooth
 * function {@link #smooth} of {@code x = U - threshold}; both are written with differentiable
 * tensor ops, so second-order gradients through a spike exist.
 */
public interface Surrogate {
    /** The surrogate derivative at {@code x}. */
    Tensor derivative(Tensor x);

    /** A smooth function whose derivative is {@link #derivative}. */
    Tensor smooth(Tensor x);

    String name();

    /** Fast sigmoid (SuperSpike, Zenke and Ganguli 2018): {@code 1 / (1 + k|x|)^2}, the derivative of {@code x / (1 + k|x|)}. */
    static Surrogate fastSigmoid(double k) {
        return new Surrogate() {
            public Tensor derivative(Tensor x) { return x.abs().mul(k).add(1).square().reciprocal(); }
            public Tensor smooth(Tensor x) { return x.div(x.abs().mul(k).add(1)); }
            public String name() { return "fastSigmoid(k=" + k + ")"; }
        };
    }

    /**
     * Arctangent: {@code (alpha / 2) / (1 + (pi alpha x / 2)^2)}, the derivative of
     * {@code 1/2 + arctan(pi alpha x / 2) / pi} (Fang et al. 2021).
     */
    static Surrogate arctan(double alpha) {
        double c = Math.PI * alpha / 2;
        return new Surrogate() {
            public Tensor derivative(Tensor x) { return x.mul(c).square().add(1).reciprocal().mul(alpha / 2); }
            public Tensor smooth(Tensor x) {
                Tensor one = Tensor.scalar(1, x.dtype());
                return x.mul(c).atan2(one).div(Math.PI).add(0.5);
            }
            public String name() { return "arctan(alpha=" + alpha + ")"; }
        };
    }

    /** Sigmoid: {@code k s(kx) (1 - s(kx))}, the derivative of {@code s(kx)}. */
    static Surrogate sigmoid(double k) {
        return new Surrogate() {
            public Tensor derivative(Tensor x) {
                Tensor s = x.mul(k).sigmoid();
                return s.mul(s.rsub(1)).mul(k);
            }
            public Tensor smooth(Tensor x) { return x.mul(k).sigmoid(); }
            public String name() { return "sigmoid(k=" + k + ")"; }
        };
    }

    /** Straight-through (Bengio et al. 2013): derivative 1, as if the step were the identity. */
    static Surrogate straightThrough() {
        return new Surrogate() {
            public Tensor derivative(Tensor x) { return x.onesLike(); }
            public Tensor smooth(Tensor x) { return x; }
            public String name() { return "straightThrough"; }
        };
    }
}
