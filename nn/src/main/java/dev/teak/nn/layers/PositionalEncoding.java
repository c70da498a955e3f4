package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * Adds position information to {@code [B, T, d]}: either a learned table {@code [maxLen, d]}
 * (parameter {@code weight}, {@code N(0, 0.02^2)} as in GPT-2) or the fixed sinusoids of
 * Vaswani et al. 2017 (sec. 3.5):
 * {@code PE(p, 2i) = sin(p / 10000^(2i/d))}, {@code PE(p, 2i+1) = cos(p / 10000^(2i/d))}.
 */
public final class PositionalEncoding extends UnaryModule {
    private final Parameter learned;
    private final NdArray fixed;
    private final int maxLen, d;

    /** @param gen null for sinusoidal positions, else the generator of the learned table */
    private PositionalEncoding(int maxLen, int d, Generator gen) {
        this.maxLen = maxLen;
        this.d = d;
        if (gen != null) {
            learned = parameter("weight", NdArray.zeros(maxLen, d));
            Init.normal(learned, 0, 0.02, gen);
            fixed = null;
        } else {
            learned = null;
            fixed = sinusoids(maxLen, d);
        }
    }

    /** Learned positions. */
    public static PositionalEncoding learned(int maxLen, int d, Generator gen) {
        if (gen == null) throw new IllegalArgumentException("PositionalEncoding.learned: needs a generator");
        return new PositionalEncoding(maxLen, d, gen);
    }

    /** Fixed sinusoidal positions. */
    public static PositionalEncoding sinusoidal(int maxLen, int d) { return new PositionalEncoding(maxLen, d, null); }

    /** The {@code [maxLen, d]} sinusoid table (float64). */
    public static NdArray sinusoids(int maxLen, int d) {
        double[] v = new double[maxLen * d];
        for (int p = 0; p < maxLen; p++) {
            for (int i = 0; i < d; i++) {
                double angle = p / Math.pow(10000, (double) (i - i % 2) / d);
                v[p * d + i] = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return NdArray.of(v, maxLen, d);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 3 || x.size(2) != d || x.size(1) > maxLen) {
            throw new IllegalArgumentException("PositionalEncoding(" + maxLen + ", " + d + "): input " + Shape.str(x.shape())
                    + " should be [B, T <= " + maxLen + ", " + d + "]");
        }
        int t = x.size(1);
        Tensor table = learned != null ? learned.get().narrow(0, 0, t)
                : new Tensor(fixed.narrow(0, 0, t).to(x.dtype()).to(x.data().device()));
        return x.add(table);
    }
}
