package dev.teak.nn.functional;

import dev.teak.autograd.Convolutions;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;

/**
 * The functional API ({@code torch.nn.functional}): stateless differentiable functions that the
 * layers are built from. Each method delegates to the class that documents its equation
 * ({@link Activations}, {@link Normalization}, {@link Losses}, {@link Attention}).
 */
public final class F {
    private F() {}

    // activations
    public static Tensor relu(Tensor x) { return Activations.relu(x); }
    public static Tensor gelu(Tensor x) { return Activations.gelu(x); }
    public static Tensor elu(Tensor x, double alpha) { return Activations.elu(x, alpha); }
    public static Tensor leakyRelu(Tensor x, double slope) { return Activations.leakyRelu(x, slope); }
    public static Tensor sigmoid(Tensor x) { return Activations.sigmoid(x); }
    public static Tensor tanh(Tensor x) { return Activations.tanh(x); }
    public static Tensor softplus(Tensor x, double beta) { return Activations.softplus(x, beta); }
    public static Tensor logSigmoid(Tensor x) { return Activations.logSigmoid(x); }
    public static Tensor softmax(Tensor x, int axis) { return x.softmax(axis); }
    public static Tensor logSoftmax(Tensor x, int axis) { return x.logSoftmax(axis); }

    // linear maps
    /** {@code x W^T + b} for {@code x [..., in]}, {@code W [out, in]}, {@code b [out]} or null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor y = x.matmul(weight.mT());
        return bias == null ? y : y.add(bias);
    }

    /** {@code y_k = x1^T W_k x2 + b_k} for {@code x1 [N, in1]}, {@code x2 [N, in2]}, {@code W [out, in1, in2]}. */
    public static Tensor bilinear(Tensor x1, Tensor x2, Tensor weight, Tensor bias) {
        int n = x1.size(0), out = weight.size(0), in1 = weight.size(1), in2 = weight.size(2);
        // (x1 @ W.permute(1, 0, 2).reshape(in1, out * in2)) gives [N, out, in2]; dot with x2 per row.
        Tensor t = x1.matmul(weight.permute(1, 0, 2).reshape(in1, out * in2)).reshape(n, out, in2);
        Tensor y = t.mul(x2.unsqueeze(1)).sum(2, false);
        return bias == null ? y : y.add(bias);
    }

    /** 1-D cross-correlation: {@code x [N, C, L]}, {@code w [O, C/groups, k]}. */
    public static Tensor conv1d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation, int groups) {
        return Convolutions.conv1d(x, w, b, stride, padding, dilation, groups);
    }
    /** 2-D cross-correlation: {@code x [N, C, H, W]}, {@code w [O, C/groups, kh, kw]}, square stride, padding and dilation. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation, int groups) {
        return Convolutions.conv2d(x, w, b, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {dilation, dilation}, groups);
    }
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return Convolutions.conv2d(x, w, b, stride, padding);
    }
    public static Tensor maxPool1d(Tensor x, int k, int s, int p) { return Convolutions.maxPool1d(x, k, s, p, 1); }
    public static Tensor maxPool2d(Tensor x, int k, int s, int p) { return Convolutions.maxPool2d(x, k, s, p); }
    /** Average pooling; zero padding counts in the average (PyTorch's default count_include_pad). */
    public static Tensor avgPool1d(Tensor x, int k, int s, int p) { return Convolutions.avgPool1d(x, k, s, p, true); }
    public static Tensor avgPool2d(Tensor x, int k, int s, int p) { return Convolutions.avgPool2d(x, k, s, p); }

    /** Mean over every axis after the channel axis: {@code [N, C, ...] -> [N, C]}. */
    public static Tensor globalAvgPool(Tensor x) { return x.flatten(2, x.dim() - 1).mean(2, false); }

    /** Maximum over every axis after the channel axis: {@code [N, C, ...] -> [N, C]}. */
    public static Tensor globalMaxPool(Tensor x) { return x.flatten(2, x.dim() - 1).max(2, false); }

    // normalisation and regularisation
    public static Tensor layerNorm(Tensor x, int dims, Tensor w, Tensor b, double eps) {
        return Normalization.layerNorm(x, dims, w, b, eps);
    }
    public static Tensor batchNorm(Tensor x, NdArray[] running, Tensor w, Tensor b, boolean training, double momentum, double eps) {
        return Normalization.batchNorm(x, running, w, b, training, momentum, eps);
    }
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        return Normalization.dropout(x, p, training, gen);
    }
    public static Tensor normalize(Tensor x, int axis, double eps) { return Normalization.normalize(x, axis, eps); }

    // attention
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, NdArray mask) {
        return Attention.scaledDotProduct(q, k, v, mask);
    }

    // losses
    public static Tensor crossEntropy(Tensor logits, NdArray targets) { return Losses.crossEntropy(logits, targets); }
    public static Tensor crossEntropy(Tensor logits, NdArray targets, NdArray classWeights, double labelSmoothing,
                                      long ignoreIndex, Reduction reduction) {
        return Losses.crossEntropy(logits, targets, classWeights, labelSmoothing, ignoreIndex, reduction);
    }
    public static Tensor nll(Tensor logProbs, NdArray targets, NdArray classWeights, long ignoreIndex, Reduction reduction) {
        return Losses.nll(logProbs, targets, classWeights, ignoreIndex, reduction);
    }
    public static Tensor nll(Tensor logProbs, NdArray targets) { return Losses.nll(logProbs, targets, null, Long.MIN_VALUE, Reduction.MEAN); }
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) { return Losses.bceWithLogits(logits, targets, Reduction.MEAN); }
    public static Tensor mse(Tensor x, Tensor y) { return Losses.mse(x, y, Reduction.MEAN); }
    public static Tensor huber(Tensor x, Tensor y, double delta) { return Losses.huber(x, y, delta, Reduction.MEAN); }
    public static Tensor klDivergence(Tensor logP, Tensor logQ) { return Losses.klDivergence(logP, logQ); }
    public static Tensor reverseKlDivergence(Tensor logP, Tensor logQ) { return Losses.reverseKlDivergence(logP, logQ); }
    public static Tensor infoNce(Tensor queries, Tensor keys, double temperature) { return Losses.infoNce(queries, keys, temperature); }
    public static Tensor marginRanking(Tensor x1, Tensor x2, Tensor y, double margin) {
        return Losses.marginRanking(x1, x2, y, margin, Reduction.MEAN);
    }
}
