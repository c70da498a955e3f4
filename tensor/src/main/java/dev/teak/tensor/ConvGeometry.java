package dev.teak.tensor;

/**
 * The shape arithmetic of a 2-D convolution or pooling window over {@code [N, C, H, W]}
 * (1-D is the case {@code h = kh = 1}). Output size per axis:
 * {@code (in + 2*pad - dil*(k-1) - 1) / stride + 1}.
 */
public record ConvGeometry(int channels, int h, int w, int kh, int kw,
                           int strideH, int strideW, int padH, int padW, int dilH, int dilW) {
    public ConvGeometry {
        if (kh < 1 || kw < 1 || strideH < 1 || strideW < 1 || dilH < 1 || dilW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("bad convolution geometry " + describe(kh, kw, strideH, strideW, padH, padW, dilH, dilW));
        }
        if (outSize(h, kh, strideH, padH, dilH) < 1 || outSize(w, kw, strideW, padW, dilW) < 1) {
            throw new IllegalArgumentException("input " + h + "x" + w + " is smaller than the window of "
                    + describe(kh, kw, strideH, strideW, padH, padW, dilH, dilW));
        }
    }

    /** A square-free 2-D geometry with equal settings on both axes. */
    public static ConvGeometry of2d(int channels, int h, int w, int kh, int kw, int stride, int pad, int dil) {
        return new ConvGeometry(channels, h, w, kh, kw, stride, stride, pad, pad, dil, dil);
    }

    /** A 1-D geometry over {@code [N, C, L]}, seen as height 1. */
    public static ConvGeometry of1d(int channels, int length, int k, int stride, int pad, int dil) {
        return new ConvGeometry(channels, 1, length, 1, k, 1, stride, 0, pad, 1, dil);
    }

    public int outH() { return outSize(h, kh, strideH, padH, dilH); }

    public int outW() { return outSize(w, kw, strideW, padW, dilW); }

    /** Rows of the unfolded matrix: {@code C * kh * kw}. */
    public int colRows() { return channels * kh * kw; }

    static int outSize(int in, int k, int stride, int pad, int dil) {
        int span = in + 2 * pad - dil * (k - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    private static String describe(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        return "kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw + ", padding " + ph + "x" + pw + ", dilation " + dh + "x" + dw;
    }
}
