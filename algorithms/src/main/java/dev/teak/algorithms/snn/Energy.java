package dev.teak.algorithms.snn;

/**
 * Energy estimate of the spike-based and the dense network (spec section 8; Horowitz 2014,
 * 45 nm CMOS): a multiply-accumulate costs {@value #MAC_PJ} pJ and an accumulate
 * {@value #AC_PJ} pJ. With {@code FLOPs_l} the multiply-accumulates of layer {@code l} per
 * sentence and {@code fr_l} the measured firing rate of that layer's <i>input</i> (the fraction
 * of input neurons that spike per step, so only those trigger additions):
 * <pre>
 *   E_DNN = sum_l FLOPs_l * 4.6 pJ
 *   E_SNN = sum_l T * fr_l * FLOPs_l * 0.9 pJ
 * </pre>
 * Layers here: the convolutions (input: the encoded words), the average pooling (input: the
 * convolution's spikes; one addition per input and step) and the linear layer (input: the
 * pooled neurons' spikes).
 */
public final class Energy {
    public static final double MAC_PJ = 4.6, AC_PJ = 0.9;

    private Energy() {}

    /** {@code sum_l FLOPs_l * 4.6} pJ per sentence. */
    public static double dnnPicojoules(long[] flops) {
        double e = 0;
        for (long f : flops) e += f * MAC_PJ;
        return e;
    }

    /** {@code sum_l T fr_l FLOPs_l * 0.9} pJ per sentence. */
    public static double snnPicojoules(long[] flops, double[] inputRates, int steps) {
        if (flops.length != inputRates.length) {
            throw new IllegalArgumentException("Energy: " + flops.length + " layers of FLOPs but " + inputRates.length + " firing rates");
        }
        double e = 0;
        for (int l = 0; l < flops.length; l++) {
            if (!(inputRates[l] >= 0 && inputRates[l] <= 1)) {
                throw new IllegalArgumentException("Energy: firing rate of layer " + l + " must lie in [0, 1], got " + inputRates[l]);
            }
            e += steps * inputRates[l] * flops[l] * AC_PJ;
        }
        return e;
    }

    /** {@code E_SNN / E_DNN}: below 1 means the spiking network is estimated to use less energy. */
    public static double ratio(long[] flops, double[] inputRates, int steps) {
        return snnPicojoules(flops, inputRates, steps) / dnnPicojoules(flops);
    }
}
