package dev.teak.autograd;

import dev.teak.tensor.ConvGeometry;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;

/**
 * Convolution and pooling over {@code [N, C, H, W]} (and {@code [N, C, L]} for 1-D) built on
 * two primitives that are each other's adjoint: im2col (unfold the windows into columns) and
 * col2im (sum columns back). A convolution is then a matmul of the flattened kernel with the
 * columns, max pooling a max over each column block, average pooling a mean; every gradient,
 * of every order, follows from those.
 */
public final class Convolutions {
    private Convolutions() {}

    /** {@code [N, C, H, W]} to {@code [N, C*kh*kw, outH*outW]} (torch.nn.functional.unfold). */
    public static Tensor im2col(Tensor x, ConvGeometry g) {
        if (x.dim() != 4 || x.size(1) != g.channels() || x.size(2) != g.h() || x.size(3) != g.w() || !x.dtype().isFloating()) {
            throw new IllegalArgumentException("im2col: input " + x.dtype().pyName() + Shape.str(x.shape())
                    + " does not match the geometry " + g + " (expected a float [N, " + g.channels() + ", " + g.h() + ", " + g.w() + "])");
        }
        NdArray out = NdArray.zeros(x.data().backend(), x.dtype(), x.size(0), g.colRows(), g.outH() * g.outW());
        x.data().backend().im2col(x.data(), g, out);
        if (!Tensor.recording(x)) return new Tensor(out);
        return Tensor.record(out, new Im2col(x, g));
    }

    /** The adjoint of im2col: sums {@code [N, C*kh*kw, L]} columns into {@code [N, C, H, W]} (torch fold). */
    public static Tensor col2im(Tensor cols, ConvGeometry g) {
        if (cols.dim() != 3 || cols.size(1) != g.colRows() || cols.size(2) != g.outH() * g.outW()) {
            throw new IllegalArgumentException("col2im: columns " + Shape.str(cols.shape()) + " do not match the geometry "
                    + g + " (expected [N, " + g.colRows() + ", " + g.outH() * g.outW() + "])");
        }
        NdArray out = NdArray.zeros(cols.data().backend(), cols.dtype(), cols.size(0), g.channels(), g.h(), g.w());
        cols.data().backend().col2im(cols.data(), g, out);
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

    /**
     * 2-D cross-correlation (torch.nn.functional.conv2d without groups): {@code x [N, C, H, W]},
     * {@code weight [O, C, kh, kw]}, optional {@code bias [O]}; stride, padding and dilation as
     * (height, width) pairs. out = weight.reshape(O, C*kh*kw) @ im2col(x) + bias.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        if (x.dim() != 4 || weight.dim() != 4 || weight.size(1) != x.size(1)) {
            throw new IllegalArgumentException("conv2d: input " + Shape.str(x.shape()) + " and weight " + Shape.str(weight.shape())
                    + " do not fit: expected input [N, C, H, W] and weight [O, C, kh, kw] with the same C");
        }
        int o = weight.size(0);
        ConvGeometry g = new ConvGeometry(x.size(1), x.size(2), x.size(3), weight.size(2), weight.size(3),
                stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
        Tensor out = weight.reshape(o, g.colRows()).matmul(im2col(x, g)).reshape(x.size(0), o, g.outH(), g.outW());
        if (bias == null) return out;
        if (bias.dim() != 1 || bias.size(0) != o) {
            throw new IllegalArgumentException("conv2d: bias of shape " + Shape.str(bias.shape()) + " should be [" + o + "]");
        }
        return out.add(bias.reshape(1, o, 1, 1));
    }

    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(x, weight, bias, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1});
    }

    /** 1-D cross-correlation: {@code x [N, C, L]}, {@code weight [O, C, k]}; a 2-D one of height 1. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation) {
        if (x.dim() != 3 || weight.dim() != 3) {
            throw new IllegalArgumentException("conv1d: expected input [N, C, L] and weight [O, C, k], got "
                    + Shape.str(x.shape()) + " and " + Shape.str(weight.shape()));
        }
        return conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                new int[] {1, dilation}).squeeze(2);
    }

    /** Windows as {@code [N, C, kh*kw, outH, outW]} columns of {@code x}. */
    private static Tensor windows(Tensor x, ConvGeometry g) {
        return im2col(x, g).reshape(x.size(0), x.size(1), g.kh() * g.kw(), g.outH(), g.outW());
    }

    private static ConvGeometry poolGeometry(String op, Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        if (x.dim() != 4) throw new IllegalArgumentException(op + ": expected input [N, C, H, W], got " + Shape.str(x.shape()));
        if (2 * ph > kh || 2 * pw > kw) {
            throw new IllegalArgumentException(op + ": padding " + ph + "x" + pw + " must be at most half the kernel " + kh + "x" + kw);
        }
        return new ConvGeometry(x.size(1), x.size(2), x.size(3), kh, kw, sh, sw, ph, pw, 1, 1);
    }

    /**
     * Max pooling; padding counts as -infinity (so it never wins), and the gradient goes to the
     * first maximal element of each window.
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        ConvGeometry g = poolGeometry("maxPool2d", x, kernel, kernel, stride, stride, padding, padding);
        Tensor padded = padding == 0 ? x
                : JoinOps.pad(x, new int[] {padding, padding, padding, padding}, Double.NEGATIVE_INFINITY);
        ConvGeometry inner = new ConvGeometry(g.channels(), g.h() + 2 * padding, g.w() + 2 * padding, kernel, kernel,
                stride, stride, 0, 0, 1, 1);
        return windows(padded, inner).max(2, false);
    }

    /** Average pooling; zero padding counts in the average (PyTorch's count_include_pad default). */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        ConvGeometry g = poolGeometry("avgPool2d", x, kernel, kernel, stride, stride, padding, padding);
        return windows(x, g).mean(2, false);
    }

    /** 1-D max pooling over {@code [N, C, L]}. */
    public static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding) {
        if (x.dim() != 3) throw new IllegalArgumentException("maxPool1d: expected input [N, C, L], got " + Shape.str(x.shape()));
        poolGeometry("maxPool1d", x.unsqueeze(2), 1, kernel, 1, stride, 0, padding);
        Tensor padded = padding == 0 ? x : JoinOps.pad(x, new int[] {padding, padding}, Double.NEGATIVE_INFINITY);
        ConvGeometry inner = ConvGeometry.of1d(x.size(1), x.size(2) + 2 * padding, kernel, stride, 0, 1);
        return windows(padded.unsqueeze(2), inner).max(2, false).squeeze(2);
    }

    /** 1-D average pooling over {@code [N, C, L]}. */
    public static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding) {
        if (x.dim() != 3) throw new IllegalArgumentException("avgPool1d: expected input [N, C, L], got " + Shape.str(x.shape()));
        ConvGeometry g = poolGeometry("avgPool1d", x.unsqueeze(2), 1, kernel, 1, stride, 0, padding);
        return windows(x.unsqueeze(2), g).mean(2, false).squeeze(2);
    }
}
