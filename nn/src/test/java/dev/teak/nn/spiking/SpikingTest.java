package dev.teak.nn.spiking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.GradGradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Integrate-and-fire dynamics on exact (dyadic) inputs, surrogate gradients, encoders. */
class SpikingTest {
    private static Tensor constantInput(double x, int steps) {
        double[] v = new double[steps];
        java.util.Arrays.fill(v, x);
        return Tensor.of(v, steps);
    }

    private static int[] spikeTimes(Tensor spikes) {
        double[] s = spikes.data().toDoubleArray();
        return java.util.stream.IntStream.range(0, s.length).filter(t -> s[t] == 1).toArray();
    }

    @Test
    void integrateAndFireSpikeTimes() {
        Surrogate sg = Surrogate.fastSigmoid(25);
        // IF, input 1/4, threshold 1, strict H: U = 1/4, 1/2, 3/4, 1 (not yet), 5/4 (fires at t = 4,
        // -> 1/4), 1/2, 3/4, 1, 5/4 (fires at t = 8): the spec's "t = 5, 9, 13, ..." counted from 1.
        SpikingNeuron.Trace tr = SpikingNeuron.integrateAndFire(1, Reset.SUBTRACT, sg).forward(constantInput(0.25, 10));
        assertArrayEquals(new int[] {4, 8}, spikeTimes(tr.spikes()));
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1.25, 0.5, 0.75, 1, 1.25, 0.5}, tr.membrane().data().toDoubleArray(), 0);
        // Input 3/8, reset to zero: 3/8, 3/4, 9/8 (fire, U = 0), ... fires at 2, 5, 8.
        assertArrayEquals(new int[] {2, 5, 8},
                spikeTimes(SpikingNeuron.integrateAndFire(1, Reset.ZERO, sg).forward(constantInput(0.375, 10)).spikes()));
        // Same input, reset by subtraction keeps the excess: 9/8 -> 1/8, 1/2, 7/8, 5/4 (fire) -> 1/4,
        // 5/8, 1 (exactly at threshold: no spike), 11/8 (fire) -> 3/8, 3/4: fires at 2, 5, 8.
        assertArrayEquals(new int[] {2, 5, 8},
                spikeTimes(SpikingNeuron.integrateAndFire(1, Reset.SUBTRACT, sg).forward(constantInput(0.375, 10)).spikes()));
        // LIF beta 1/2, input 3/4: U = 3/4; 3/8 + 3/4 = 9/8 (fire, -> 1/8); 1/16 + 3/4 = 13/16;
        // 13/32 + 3/4 = 37/32 (fire, -> 5/32); 5/64 + 3/4 = 53/64; 53/128 + 3/4 = 149/128 (fire).
        SpikingNeuron.Trace lif = SpikingNeuron.leaky(0.5, 1, Reset.SUBTRACT, sg).forward(constantInput(0.75, 6));
        assertArrayEquals(new int[] {1, 3, 5}, spikeTimes(lif.spikes()));
        assertArrayEquals(new double[] {0.75, 1.125, 0.8125, 37.0 / 32, 53.0 / 64, 149.0 / 128}, lif.membrane().data().toDoubleArray(), 0);
    }

    @Test
    void surrogateDerivativesMatchTheirFormulasAndTheSmoothFunctions() {
        double k = 4, alpha = 2;
        Surrogate[] ss = {Surrogate.fastSigmoid(k), Surrogate.arctan(alpha), Surrogate.sigmoid(k), Surrogate.straightThrough()};
        DoubleUnaryOperator[] analytic = {
            x -> 1 / Math.pow(1 + k * Math.abs(x), 2),
            x -> alpha / 2 / (1 + Math.pow(Math.PI * alpha * x / 2, 2)),
            x -> k * Math.exp(-k * x) / Math.pow(1 + Math.exp(-k * x), 2),
            x -> 1,
        };
        double[] xs = {-1.5, -0.3, -0.05, 0.02, 0.4, 1.25};
        for (int i = 0; i < ss.length; i++) {
            Tensor x = new Tensor(NdArray.of(xs), true);
            Tensor s = Spike.apply(x, ss[i]);
            // Forward is the exact step.
            assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1}, s.data().toDoubleArray(), 0, ss[i].name());
            double[] g = Autograd.grad(s.sum(), x).data().toDoubleArray();
            for (int j = 0; j < xs.length; j++) {
                double h = 1e-6;
                double fd = (ss[i].smooth(Tensor.scalar(xs[j] + h, DType.FLOAT64)).item()
                        - ss[i].smooth(Tensor.scalar(xs[j] - h, DType.FLOAT64)).item()) / (2 * h);
                assertEquals(analytic[i].applyAsDouble(xs[j]), g[j], 1e-12, ss[i].name() + " at " + xs[j]);
                assertEquals(fd, g[j], 1e-7, ss[i].name() + " vs finite difference at " + xs[j]);
            }
        }
    }

    @Test
    void surrogateGradientsAreDifferentiableAgain() {
        // Second order (needed when a bilevel method differentiates through a spiking network):
        // the backward rule is written with tensor ops, so its gradient exists and matches finite
        // differences. The function is H(x w): its first gradients g s'(x w) w and g s'(x w) x do
        // not contain the step's forward value (a product such as H(x) x^2 would: its gradient has
        // the exact term 2x H(x), whose surrogate derivative is not the finite difference's 0).
        for (Surrogate s : new Surrogate[] {Surrogate.fastSigmoid(3), Surrogate.arctan(2), Surrogate.sigmoid(4)}) {
            Tensor x = new Tensor(NdArray.of(new double[] {-0.8, -0.2, 0.3, 0.9}), true);
            Tensor w = new Tensor(NdArray.of(new double[] {0.5, 1.5, -0.7, 1.1}), true);
            GradGradCheck.check("spike " + s.name(), in -> Spike.apply(in[0].mul(in[1]), s), new Tensor[] {x, w}, 3);
        }
    }

    @Test
    void noGradientFlowsThroughTheReset() {
        double beta = 0.5;
        int steps = 6;
        // Input 3/4 fires at t = 1, 3, 5 (above). With the reset a constant, U_s = sum_{t <= s}
        // beta^(s-t) I_t - constants, so d(sum_s U_s)/dI_t = sum_{s >= t} beta^(s-t) whatever fired.
        Tensor in = new Tensor(constantInput(0.75, steps).data(), true);
        SpikingNeuron.Trace tr = SpikingNeuron.leaky(beta, 1, Reset.SUBTRACT, Surrogate.arctan(2)).forward(in);
        double[] g = Autograd.grad(tr.membrane().sum(), in).data().toDoubleArray();
        for (int t = 0; t < steps; t++) {
            double expect = 0;
            for (int s = t; s < steps; s++) expect += Math.pow(beta, s - t);
            assertEquals(expect, g[t], 1e-15, "t = " + t);
        }
        // Reset to zero multiplies the membrane by the constant (1 - S): a spike at r cuts the path
        // from I_t (t <= r) to every later U_s, so dU_5/dI_t is beta^(5-t) for t in (3, 5] and 0 before.
        Tensor in2 = new Tensor(constantInput(0.75, steps).data(), true);
        SpikingNeuron.Trace z = SpikingNeuron.leaky(beta, 1, Reset.ZERO, Surrogate.arctan(2)).forward(in2);
        assertArrayEquals(new int[] {1, 3, 5}, spikeTimes(z.spikes()));
        double[] g5 = Autograd.grad(z.membrane().select(0, 5), in2).data().toDoubleArray();
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 1}, g5, 0);
    }

    @Test
    void longRunRateEqualsTheClippedInput() {
        int steps = 1000;
        for (double x : new double[] {-0.5, 0, 0.3, 0.7, 1, 1.7}) {
            Tensor spikes = SpikingNeuron.integrateAndFire(1, Reset.SUBTRACT, Surrogate.straightThrough()).forward(constantInput(x, steps)).spikes();
            double rate = SpikeEncoding.firingRate(spikes).item();
            // The membrane stays in [0, 1) under sub-threshold input, so the count is within 1 of T x.
            assertEquals(Math.min(1, Math.max(0, x)), rate, 1.0 / steps + 1e-12, "input " + x);
        }
    }

    @Test
    void encodersAndReadOut() {
        NdArray x = NdArray.of(new double[] {-1, 0.25, 0.5, 1, 2});
        // Rate code: floor(8 clip(x)) spikes in 8 steps.
        Tensor counts = SpikeEncoding.spikeCount(new Tensor(SpikeEncoding.rate(x, 8)));
        assertArrayEquals(new double[] {0, 2, 4, 8, 8}, counts.data().toDoubleArray(), 0);
        // Bernoulli code: the mean over 4000 steps is within 4 standard deviations (<= 0.032) of clip(x).
        NdArray b = SpikeEncoding.bernoulli(x, 4000, new Generator(5));
        double[] rate = b.mean(0, false).toDoubleArray();
        double[] want = {0, 0.25, 0.5, 1, 1};
        for (int i = 0; i < want.length; i++) assertEquals(want[i], rate[i], 0.032, "element " + i);
        assertArrayEquals(b.toDoubleArray(), SpikeEncoding.bernoulli(x, 4000, new Generator(5)).toDoubleArray(), 0, "seeded");
        // The count read-out is differentiable: d(sum counts)/d spikes = 1.
        Tensor s = new Tensor(SpikeEncoding.rate(x, 3), true);
        assertEquals(15.0, Autograd.grad(SpikeEncoding.spikeCount(s).sum(), s).data().sum().item());
    }
}
