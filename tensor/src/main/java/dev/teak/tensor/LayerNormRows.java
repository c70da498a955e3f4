package dev.teak.tensor;

/**
 * Layer normalisation of the rows of a contiguous {@code [rows, n]} array, the arrays behind
 * autograd's layer norm:
 * <pre>
 *   xhat = (x - mean) rstd,  rstd = 1 / sqrt(var + eps)  (biased variance of the row)
 *   y    = xhat w + b
 *   dx   = rstd (gw - mean(gw) - xhat mean(gw xhat)),  gw = g w   (Ba, Kiros and Hinton 2016)
 * </pre>
 * A backend's fused row kernel runs when it has one ({@link Backend#layerNormRows}); otherwise
 * the same formulas run as composites of array ops.
 */
public final class LayerNormRows {
    private LayerNormRows() {}

    /** {@code {y, xhat, rstd}} with rstd {@code [rows, 1]}; {@code w} and {@code b} are {@code [n]} or null. */
    public static NdArray[] forward(NdArray x, NdArray w, NdArray b, double eps) {
        NdArray[] fused = x.backend().layerNormRows(x, w, b, eps);
        if (fused != null) return fused;
        NdArray xc = x.sub(x.mean(1, true));
        NdArray rstd = xc.square().mean(1, true).add(eps).apply(UnaryOp.RSQRT);
        NdArray xhat = xc.mul(rstd);
        NdArray y = w == null ? xhat : xhat.mul(w);
        return new NdArray[] {b == null ? y : y.add(b), xhat, rstd};
    }

    /** dx for the gradient {@code g} of y, given forward's {@code xhat} and {@code rstd}; {@code w} is {@code [n]} or null. */
    public static NdArray backward(NdArray g, NdArray xhat, NdArray rstd, NdArray w) {
        NdArray fused = g.backend().layerNormRowsBackward(g, xhat, rstd, w);
        if (fused != null) return fused;
        NdArray gw = w == null ? g : g.mul(w);
        return gw.sub(gw.mean(1, true)).sub(xhat.mul(gw.mul(xhat).mean(1, true))).mul(rstd);
    }
}
