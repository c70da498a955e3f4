package dev.teak.nn.init;

import dev.teak.nn.Parameter;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.linalg.Linalg;
import dev.teak.tensor.random.Generator;

/**
 * Weight initialisers ({@code torch.nn.init}), each drawing from a seeded Philox
 * {@link Generator} so a seed fixes a model's initial weights on every device. Fans follow
 * PyTorch: for a weight {@code [out, in, k...]}, {@code fanIn = in * prod(k)} and
 * {@code fanOut = out * prod(k)}.
 */
public final class Init {
    private Init() {}

    /** {@code {fanIn, fanOut}} of a weight shape (at least 2-D; a vector counts as {@code [n]}: fanIn = fanOut = n). */
    public static int[] fans(int[] shape) {
        if (shape.length == 0) throw new IllegalArgumentException("Init.fans: a scalar has no fan-in or fan-out");
        if (shape.length == 1) return new int[] {shape[0], shape[0]};
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) receptive *= shape[i];
        return new int[] {shape[1] * receptive, shape[0] * receptive};
    }

    /** The recommended gain of {@code torch.nn.init.calculate_gain}: relu sqrt 2, tanh 5/3, leaky_relu sqrt(2/(1+a^2)), else 1. */
    public static double gain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "sigmoid", "conv1d", "conv2d" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2);
            case "leaky_relu" -> Math.sqrt(2 / (1 + param * param));
            case "selu" -> 0.75;
            default -> throw new IllegalArgumentException("Init.gain: unknown nonlinearity '" + nonlinearity + "'");
        };
    }

    /** U(lo, hi). */
    public static void uniform(Parameter p, double lo, double hi, Generator gen) {
        p.copyFrom(gen.uniform(dtype(p), lo, hi, p.shape()));
    }

    /** N(mean, std^2). */
    public static void normal(Parameter p, double mean, double std, Generator gen) {
        p.copyFrom(gen.normal(dtype(p), mean, std, p.shape()));
    }

    public static void zeros(Parameter p) { p.copyFrom(NdArray.zeros(dtype(p), p.shape())); }

    public static void ones(Parameter p) { p.copyFrom(NdArray.ones(dtype(p), p.shape())); }

    /** Xavier/Glorot uniform: {@code U(-a, a)}, {@code a = gain sqrt(6 / (fanIn + fanOut))} (Glorot and Bengio 2010, eq. 16). */
    public static void xavierUniform(Parameter p, double gain, Generator gen) {
        int[] f = fans(p.shape());
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        uniform(p, -a, a, gen);
    }

    /** Xavier/Glorot normal: {@code std = gain sqrt(2 / (fanIn + fanOut))}. */
    public static void xavierNormal(Parameter p, double gain, Generator gen) {
        int[] f = fans(p.shape());
        normal(p, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), gen);
    }

    /**
     * Kaiming/He uniform (He et al. 2015, eq. 10): {@code U(-b, b)}, {@code b = gain sqrt(3 / fan)}
     * with {@code fan} the fan-in ({@code fanIn = true}) or fan-out; {@code gain} as from {@link #gain}.
     */
    public static void kaimingUniform(Parameter p, double gain, boolean fanIn, Generator gen) {
        int[] f = fans(p.shape());
        double b = gain * Math.sqrt(3.0 / (fanIn ? f[0] : f[1]));
        uniform(p, -b, b, gen);
    }

    /** Kaiming/He normal: {@code std = gain / sqrt(fan)}. */
    public static void kaimingNormal(Parameter p, double gain, boolean fanIn, Generator gen) {
        int[] f = fans(p.shape());
        normal(p, 0, gain / Math.sqrt(fanIn ? f[0] : f[1]), gen);
    }

    /**
     * A (semi-)orthogonal matrix (Saxe et al. 2014): the weight viewed as {@code [rows, cols]}
     * (rows = first axis) is {@code gain Q} where {@code A = QR} for a standard normal {@code A}
     * of the taller orientation, with Q's columns sign-corrected by {@code sign(diag R)} so the
     * result is Haar-distributed.
     */
    public static void orthogonal(Parameter p, double gain, Generator gen) {
        int[] shape = p.shape();
        if (shape.length < 2) throw new IllegalArgumentException("Init.orthogonal: needs at least 2 axes, got " + Shape.str(shape));
        int rows = shape[0], cols = p.numel() / rows;
        boolean transpose = rows < cols;
        int m = Math.max(rows, cols), n = Math.min(rows, cols);
        NdArray a = gen.normal(DType.FLOAT64, 0, 1, m, n);
        Linalg.QR qr = Linalg.qr(a);
        double[] q = qr.q().contiguous().toDoubleArray();
        NdArray r = qr.r();
        for (int j = 0; j < n; j++) {
            double s = r.getDouble(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < m; i++) q[i * n + j] *= s * gain;
        }
        NdArray qm = NdArray.of(q, m, n);
        if (transpose) qm = qm.mT().contiguous();
        p.copyFrom(qm.reshape(shape).to(dtype(p)));
    }

    private static DType dtype(Parameter p) { return p.data().dtype(); }
}
