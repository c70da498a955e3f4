package dev.teak.algorithms.snn;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The tailored TextCNN of the paper (spec section 2; Kim 2014 with the changes that make it
 * convertible): filters of widths 3, 4, 5 spanning the whole embedding width, <b>no biases</b>,
 * ReLU, <b>average</b> pooling over time, ReLU, dropout, and a bias-free linear layer:
 * <pre>
 *   c_h[n, i, f] = sum_{j < h} sum_k x[n, i + j, k] W_h[f, j, k]            (i = 0 .. L - h)
 *   p[n, (h, f)] = relu( mean_i relu(c_h[n, i, f]) )
 *   logits       = dropout(p) W_fc^T
 * </pre>
 * The input {@code x [N, L, d]} is the shifted embedding in [0, 1] (the ANN is trained on the
 * same values the spiking network later encodes as firing probabilities). The convolution is a
 * matrix product of the unfolded windows with the filters, so the spiking network runs it on
 * {@code [T N, L, d]} spike frames the same way.
 */
public final class TextCnn extends Module {
    private final int[] widths;
    private final int filters, classes, dim;
    private final double dropout;
    private final Parameter[] conv;
    private final Parameter fc;
    private final Generator gen;

    public TextCnn(int dim, int[] widths, int filters, int classes, double dropout, Generator gen) {
        this.widths = widths.clone();
        this.filters = filters;
        this.classes = classes;
        this.dim = dim;
        this.dropout = dropout;
        this.gen = gen;
        this.conv = new Parameter[widths.length];
        for (int i = 0; i < widths.length; i++) {
            // PyTorch's default for Conv2d(1, F, (h, d)): U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = h d.
            double b = 1 / Math.sqrt(widths[i] * dim);
            conv[i] = parameter("conv" + widths[i], gen.uniform(dev.teak.tensor.DType.FLOAT32, -b, b, filters, widths[i], dim));
        }
        double b = 1 / Math.sqrt(widths.length * filters);
        this.fc = parameter("fc", gen.uniform(dev.teak.tensor.DType.FLOAT32, -b, b, classes, widths.length * filters));
    }

    public int[] widths() { return widths.clone(); }
    public int filters() { return filters; }
    public int classes() { return classes; }
    public int dim() { return dim; }
    public Parameter[] convWeights() { return conv.clone(); }
    public Parameter fcWeight() { return fc; }

    /** Logits {@code [N, C]} for shifted embeddings {@code x [N, L, d]}. */
    public Tensor forward(Tensor x) {
        List<Tensor> pooled = new ArrayList<>();
        for (Tensor c : convolve(x, conv, widths)) pooled.add(c.relu().mean(1, false));
        Tensor p = Tensor.concat(1, pooled.toArray(new Tensor[0])).relu();
        return F.dropout(p, dropout, isTraining(), gen).matmul(fc.get().mT());
    }

    /** ReLU'd convolution outputs per width, {@code [N, L - h + 1, F]} (for data-based normalisation). */
    public List<Tensor> convActivations(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor c : convolve(x, conv, widths)) out.add(c.relu());
        return out;
    }

    /**
     * The full-width convolutions of {@code x [M, L, d]} with {@code weights[i] [F, h_i, d]}:
     * {@code [M, L - h_i + 1, F]} each, as an unfolded product: the windows
     * {@code [x_i, ..., x_{i+h-1}]} concatenated along the embedding axis, {@code [M (L - h + 1), h d]},
     * times {@code W_h [F, h d]^T}. When {@code x} is a constant (the spike frames of the spiking
     * networks) the backward pass computes only the weight gradient.
     */
    public static List<Tensor> convolve(Tensor x, Parameter[] weights, int[] widths) {
        int m = x.size(0), l = x.size(1), d = x.size(2);
        for (int h : widths) {
            if (l < h) throw new IllegalArgumentException("TextCnn: sentence length " + l + " is shorter than filter width " + h);
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            int h = widths[i], len = l - h + 1, f = weights[i].shape()[0];
            Tensor[] windows = new Tensor[h];
            for (int j = 0; j < h; j++) windows[j] = x.slice(1, j, j + len);
            Tensor unfolded = Tensor.concat(2, windows).reshape(m * len, h * d);
            out.add(unfolded.matmul(weights[i].get().reshape(f, h * d).mT()).reshape(m, len, f));
        }
        return out;
    }

    /** Multiply-accumulates per sentence of length {@code l}: convolutions, then the linear layer. */
    public long[] macsPerLayer(int l) {
        long convMacs = 0, poolAdds = 0;
        for (int h : widths) {
            convMacs += (long) (l - h + 1) * h * dim * filters;
            poolAdds += (long) (l - h + 1) * filters;
        }
        return new long[] {convMacs, poolAdds, (long) widths.length * filters * classes};
    }

    /** A copy of the weights (conv per width, then fc). */
    public NdArray[] weightsCopy() {
        NdArray[] w = new NdArray[conv.length + 1];
        for (int i = 0; i < conv.length; i++) w[i] = conv[i].data().copy();
        w[conv.length] = fc.data().copy();
        return w;
    }
}
