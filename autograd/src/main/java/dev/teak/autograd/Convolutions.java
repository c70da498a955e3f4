package dev.teak.autograd;

import dev.teak.tensor.Convolution;
import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Convolution and pooling over {@code [N, C, H, W]} (and {@code [N, C, L]} for 1-D) with the
 * signatures of the tensor core's {@link Convolution} and {@link dev.teak.tensor.Pooling},
 * built on two primitives that are each other's adjoint: im2col (unfold the windows into
 * columns) and col2im (sum columns back). A convolution is a batched matmul of the flattened
 * kernel with the columns, max pooling a max over each window (a gather at the argmax),
 * average pooling a sum divided by the window count; every gradient, of every order, follows.
 */
public final class Convolutions {
    private Convolutions() {}

    /** {@code [N, C, H, W]} to {@code [N, C*kh*kw, outH*outW]} (torch.nn.functional.unfold). */
    public static Tensor im2col(Tensor x, ConvGeometry g) {
        NdArray out = Convolution.im2col(x.data(), g);
        if (!Tensor.recording(x)) return new Tensor(out);
        return Tensor.record(out, new Im2col(x, g));
    }

    /** The adjoint of im2col: sums {@code [N, C*kh*kw, L]} columns into {@code [N, C, H, W]} (torch fold). */
    public static Tensor col2im(Tensor cols, ConvGeometry g) {
        NdArray out = Convolution.col2im(cols.data(), g, cols.dim() == 3 ? cols.size(0) : -1);
        if (!Tensor.recording(cols)) return new Tensor(out);
        return Tensor.record(out, new Col2im(cols, g));
    }

    static final class Im2col extends Node {
        final ConvGeometry g;

        Im2col(Tensor x, ConvGeometry g) { super(x); this.g = g; }

        @Override public String name() { return "im2col"; }

        @Override protected Tensor[] backward(Tensor grad) { return new Tensor[] {col2im(grad, g)}; }
    }

    static final class Col2im extends Node {
        final ConvGeometry g;

        Col2im(Tensor cols, ConvGeometry g) { super(cols); this.g = g; }

        @Override public String name() { return "col2im"; }

        @Override protected Tensor[] backward(Tensor grad) { return new Tensor[] {im2col(grad, g)}; }
    }

    /** One value for both axes, or (height, width). */
    private static int[] pair(String op, String name, int[] v) {
        if (v == null || (v.length != 1 && v.length != 2)) {
            throw new IllegalArgumentException(op + ": " + name + " needs one value or two (height, width), got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }

    /**
     * 2-D cross-correlation (torch.nn.functional.conv2d): {@code x [N, C, H, W]},
     * {@code weight [O, C/groups, kh, kw]}, optional {@code bias [O]}. Per group g:
     * {@code out_g = weight_g.reshape(O/G, K) @ im2col(x)_g}, one broadcast batched matmul.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        String op = "conv2d";
        if (x.dim() != 4 || weight.dim() != 4 || groups < 1 || x.size(1) % groups != 0 || weight.size(0) % groups != 0
                || weight.size(1) * groups != x.size(1)) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x.shape()) + " and weight " + Shape.str(weight.shape())
                    + " do not fit with groups = " + groups + ": expected input [N, C, H, W] and weight [O, C/groups, kh, kw]"
                    + " with C and O divisible by groups");
        }
        int n = x.size(0), o = weight.size(0), kh = weight.size(2), kw = weight.size(3);
        int[] s = pair(op, "stride", stride), p = pair(op, "padding", padding), d = pair(op, "dilation", dilation);
        ConvGeometry g = new ConvGeometry(x.size(1), x.size(2), x.size(3), kh, kw, s[0], s[1], p[0], p[1], d[0], d[1]);
        int k = weight.size(1) * kh * kw, l = g.outH() * g.outW();
        Tensor cols = im2col(x, g).reshape(n, groups, k, l);
        Tensor out = weight.reshape(groups, o / groups, k).matmul(cols).reshape(n, o, g.outH(), g.outW());
        if (bias == null) return out;
        if (bias.dim() != 1 || bias.size(0) != o) {
            throw new IllegalArgumentException(op + ": bias of shape " + Shape.str(bias.shape()) + " should be [" + o + "]");
        }
        return out.add(bias.reshape(1, o, 1, 1));
    }

    /** conv2d with one stride and padding for both axes, no dilation, one group. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(x, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /** 1-D cross-correlation: {@code x [N, C, L]}, {@code weight [O, C/groups, k]}; a 2-D one of height 1. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        if (x.dim() != 3 || weight.dim() != 3) {
            throw new IllegalArgumentException("conv1d: expected input [N, C, L] and weight [O, C/groups, k], got "
                    + Shape.str(x.shape()) + " and " + Shape.str(weight.shape()));
        }
        return conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                new int[] {1, dilation}, groups).squeeze(2);
    }

    // ------------------------------------------------------------------ pooling

    /** Checks PyTorch's rule (padding at most half the kernel) and returns the per-plane geometry. */
    private static ConvGeometry plane(String op, Tensor x, int[] k, int[] s, int[] p, int[] d) {
        if (x.dim() != 4) throw new IllegalArgumentException(op + ": expected input [N, C, H, W], got " + Shape.str(x.shape()));
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + p[0] + "x" + p[1] + " must be at most half the kernel "
                    + k[0] + "x" + k[1] + " (input of shape " + Shape.str(x.shape()) + ")");
        }
        return new ConvGeometry(1, x.size(2), x.size(3), k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
    }

    /**
     * Max pooling (max_pool2d); a null stride means the kernel size. Each channel plane is padded
     * with -infinity (so padding never wins) and unfolded; the gradient goes to the first maximum.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        String op = "maxPool2d";
        int[] k = pair(op, "kernel", kernel), p = pair(op, "padding", padding), d = pair(op, "dilation", dilation);
        int[] s = stride == null ? k : pair(op, "stride", stride);
        ConvGeometry g = plane(op, x, k, s, p, d);
        int n = x.size(0), c = x.size(1);
        Tensor planes = x.reshape(n * c, 1, x.size(2), x.size(3));
        if (p[0] + p[1] > 0) planes = planes.pad(new int[] {p[1], p[1], p[0], p[0]}, Double.NEGATIVE_INFINITY);
        ConvGeometry inner = new ConvGeometry(1, g.h() + 2 * p[0], g.w() + 2 * p[1], k[0], k[1], s[0], s[1], 0, 0, d[0], d[1]);
        return im2col(planes, inner).max(1, false).reshape(n, c, g.outH(), g.outW());
    }

    /** Square max pooling with stride equal to the kernel. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {1});
    }

    /**
     * Average pooling (avg_pool2d); zero padding counts in the average when
     * {@code countIncludePad}, otherwise the divisor is the number of real elements in the window.
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        String op = "avgPool2d";
        int[] k = pair(op, "kernel", kernel), p = pair(op, "padding", padding);
        int[] s = stride == null ? k : pair(op, "stride", stride);
        ConvGeometry g = plane(op, x, k, s, p, new int[] {1, 1});
        int n = x.size(0), c = x.size(1);
        Tensor sums = im2col(x.reshape(n * c, 1, x.size(2), x.size(3)), g).sum(1, false);
        Tensor avg;
        if (countIncludePad || p[0] + p[1] == 0) {
            avg = sums.div(k[0] * k[1]);
        } else {
            NdArray ones = NdArray.zeros(x.data().backend(), x.dtype(), 1, 1, g.h(), g.w()).fill(1);
            avg = sums.div(new Tensor(Convolution.im2col(ones, g).sum(1, false)));
        }
        return avg.reshape(n, c, g.outH(), g.outW());
    }

    /** Square average pooling, padding included in the count. */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, true);
    }

    /** 1-D max pooling over {@code [N, C, L]}; stride 0 means the kernel size. */
    public static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation) {
        if (x.dim() != 3) throw new IllegalArgumentException("maxPool1d: expected input [N, C, L], got " + Shape.str(x.shape()));
        return maxPool2d(x.unsqueeze(2), new int[] {1, kernel}, new int[] {1, stride == 0 ? kernel : stride},
                new int[] {0, padding}, new int[] {1, dilation}).squeeze(2);
    }

    /** 1-D average pooling over {@code [N, C, L]}; stride 0 means the kernel size. */
    public static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean countIncludePad) {
        if (x.dim() != 3) throw new IllegalArgumentException("avgPool1d: expected input [N, C, L], got " + Shape.str(x.shape()));
        return avgPool2d(x.unsqueeze(2), new int[] {1, kernel}, new int[] {1, stride == 0 ? kernel : stride},
                new int[] {0, padding}, countIncludePad).squeeze(2);
    }
}
