package dev.teak.algorithms.snn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.spiking.Reset;
import dev.teak.nn.spiking.SpikeEncoding;
import dev.teak.nn.spiking.SpikingNeuron;
import dev.teak.nn.spiking.Surrogate;
import dev.teak.tensor.NdArray;
import java.util.List;

/**
 * The spiking TextCNN (spec sections 3-7): the DNN's weights behind integrate-and-fire neurons,
 * unrolled over {@code T} steps of Bernoulli input spikes {@code [T, N, L, d]}:
 * <pre>
 *   conv_h (no bias) -> IF -> average pool over positions -> IF -> linear (no bias) -> IF (output)
 * </pre>
 * Every neuron is snntorch's {@code Leaky} as the authors use it: {@code U_t = beta U_{t-1} + I_t
 * - theta S_{t-1}} (reset by subtraction, detached), {@code theta = 1}, {@code beta = 1} by default
 * (a plain IF neuron), and the fast-sigmoid surrogate {@code 1 / (1 + k|U - theta|)^2}. The
 * network has <b>no biases</b> at all, so the authors' pitfall (SNN biases left at their random
 * initialisation by a non-strict load) cannot arise: {@link #convert} copies every weight.
 *
 * <p>Rate coding makes the conversion work: an IF neuron with reset by subtraction fed a
 * constant current {@code I} fires at the long-run rate {@code clip(I, 0, 1)}, the ReLU of the
 * DNN clipped at 1 (hence the optional data-based weight normalisation, which rescales the
 * layers so that the DNN's activations stay under 1).
 */
public final class SpikingTextCnn extends Module {
    /** Output spikes {@code [T, N, C]} and the mean firing rate of each layer's input. */
    public record Output(Tensor spikes, double[] inputRates) {
        /** Spike counts {@code [N, C]}: the logits of the read-out. */
        public Tensor counts() { return SpikeEncoding.spikeCount(spikes); }
    }

    private final int[] widths;
    private final int filters, classes;
    private final Parameter[] conv;
    private final Parameter fc;
    private final SpikingNeuron neuron;

    private SpikingTextCnn(int[] widths, NdArray[] convW, NdArray fcW, double beta, Surrogate surrogate) {
        this.widths = widths.clone();
        this.filters = convW[0].size(0);
        this.classes = fcW.size(0);
        this.conv = new Parameter[widths.length];
        for (int i = 0; i < widths.length; i++) conv[i] = parameter("conv" + widths[i], convW[i].copy());
        this.fc = parameter("fc", fcW.copy());
        this.neuron = SpikingNeuron.leaky(beta, 1.0, Reset.SUBTRACT, surrogate);
    }

    /**
     * Conversion (spec section 3): the DNN's weights, with the first layer divided by
     * {@code convScale} and the linear layer multiplied by {@code convScale / fcScale}
     * (Diehl et al. 2015 data-based normalisation, {@code W_l <- W_l lambda_{l-1} / lambda_l};
     * pass 1 and 1 for a plain copy). Positive scales leave the DNN's decisions unchanged.
     */
    public static SpikingTextCnn convert(TextCnn ann, double convScale, double fcScale, double beta, Surrogate surrogate) {
        if (!(convScale > 0 && fcScale > 0)) {
            throw new IllegalArgumentException("SpikingTextCnn.convert: scales must be positive, got " + convScale + ", " + fcScale);
        }
        NdArray[] w = ann.weightsCopy();
        NdArray[] convW = new NdArray[w.length - 1];
        for (int i = 0; i < convW.length; i++) convW[i] = w[i].div(convScale);
        return new SpikingTextCnn(ann.widths(), convW, w[w.length - 1].mul(convScale / fcScale), beta, surrogate);
    }

    /**
     * The start of a directly trained network: the DNN initialisation {@code init} with every conv
     * weight raised by {@code convShift} and every linear weight by {@code fcShift}. The authors
     * do the same ({@code positive_init_rate} 0.55: +0.01 and +0.08; spec pitfall "initial weight
     * shift"): with zero-mean weights the IF neurons rarely reach threshold, the output never
     * fires, and the surrogate slope {@code 1/(1 + k|U - theta|)^2} far below threshold is too
     * small for training to start.
     */
    public static SpikingTextCnn initialised(TextCnn init, double convShift, double fcShift, double beta, Surrogate surrogate) {
        NdArray[] w = init.weightsCopy();
        NdArray[] convW = new NdArray[w.length - 1];
        for (int i = 0; i < convW.length; i++) convW[i] = w[i].add(NdArray.scalar(convShift, w[i].dtype()));
        NdArray fcW = w[w.length - 1];
        return new SpikingTextCnn(init.widths(), convW, fcW.add(NdArray.scalar(fcShift, fcW.dtype())), beta, surrogate);
    }

    public int classes() { return classes; }
    public int[] widths() { return widths.clone(); }
    public Parameter[] convWeights() { return conv.clone(); }
    public Parameter fcWeight() { return fc; }

    /** Runs the network on input spikes {@code [T, N, L, d]}. */
    public Output forward(Tensor spikes) {
        int t = spikes.size(0), n = spikes.size(1), l = spikes.size(2), d = spikes.size(3);
        double inRate = spikes.data().mean().item();
        List<Tensor> convCurrents = TextCnn.convolve(spikes.reshape(t * n, l, d), conv, widths);
        // One neuron pass over all widths' positions at once ([T, N, sum_h L'_h, F]); the neurons are independent.
        Tensor[] parts = new Tensor[widths.length];
        for (int i = 0; i < widths.length; i++) {
            Tensor c = convCurrents.get(i);
            parts[i] = c.reshape(t, n, c.size(1), filters);
        }
        Tensor s1 = neuron.forward(Tensor.concat(2, parts)).spikes();
        double convRate = s1.data().mean().item();
        Tensor[] pooled = new Tensor[widths.length];
        int off = 0;
        for (int i = 0; i < widths.length; i++) {
            int len = parts[i].size(2);
            pooled[i] = s1.slice(2, off, off + len).mean(2, false);                 // [T, N, F]
            off += len;
        }
        Tensor s2 = neuron.forward(Tensor.concat(2, pooled)).spikes(); // [T, N, 3F]
        Tensor s3 = neuron.forward(s2.matmul(fc.get().mT())).spikes();                        // [T, N, C]
        return new Output(s3, new double[] {inRate, convRate, s2.data().mean().item()});
    }

    /**
     * snntorch's {@code ce_rate_loss} (spec section 7): {@code (1/T) sum_t CE(softmax(S_t), y)},
     * the output spikes of each step taken as logits. Class axis last, so one call over
     * {@code [T, N, C]} with the targets repeated per step is exactly the mean of per-step losses.
     */
    public static Tensor rateLoss(Tensor outSpikes, NdArray targets) {
        int t = outSpikes.size(0), n = outSpikes.size(1);
        NdArray y = targets.reshape(1, n).expand(t, n).contiguous();
        return F.crossEntropy(outSpikes, y);
    }

    /** Predictions: the argmax of the spike counts (lowest class on ties). */
    public static int[] predict(NdArray counts) {
        int n = counts.size(0), c = counts.size(1);
        float[] v = counts.toFloatArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) if (v[i * c + k] > v[i * c + best]) best = k;
            out[i] = best;
        }
        return out;
    }
}
