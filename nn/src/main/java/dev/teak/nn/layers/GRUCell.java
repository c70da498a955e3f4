package dev.teak.nn.layers;

import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.functional.F;
import dev.teak.nn.init.Init;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import dev.teak.tensor.random.Generator;

/**
 * One step of a gated recurrent unit (Cho et al. 2014), with PyTorch's {@code nn.GRUCell}
 * equations, gate order (r, z, n) and parameter names:
 * <pre>
 *   r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * All weights from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 */
public final class GRUCell extends Module {
    public final Parameter weightIh, weightHh, biasIh, biasHh;
    private final int inputSize, hiddenSize;

    public GRUCell(int inputSize, int hiddenSize, Generator gen) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        double b = 1 / Math.sqrt(hiddenSize);
        weightIh = parameter("weight_ih", NdArray.zeros(3 * hiddenSize, inputSize));
        weightHh = parameter("weight_hh", NdArray.zeros(3 * hiddenSize, hiddenSize));
        biasIh = parameter("bias_ih", NdArray.zeros(3 * hiddenSize));
        biasHh = parameter("bias_hh", NdArray.zeros(3 * hiddenSize));
        for (Parameter p : parameters()) Init.uniform(p, -b, b, gen);
    }

    public int hiddenSize() { return hiddenSize; }

    /** {@code x [N, in]}, {@code h [N, H]} (null: zeros) to the next hidden state {@code [N, H]}. */
    public Tensor forward(Tensor x, Tensor h) {
        if (x.dim() != 2 || x.size(1) != inputSize) {
            throw new IllegalArgumentException("GRUCell(" + inputSize + ", " + hiddenSize + "): input " + Shape.str(x.shape())
                    + " should be [N, " + inputSize + "]");
        }
        if (h == null) h = Tensor.zeros(x.dtype(), x.size(0), hiddenSize);
        Tensor gi = F.linear(x, weightIh.get(), biasIh.get());
        Tensor gh = F.linear(h, weightHh.get(), biasHh.get());
        int hs = hiddenSize;
        Tensor r = gi.narrow(1, 0, hs).add(gh.narrow(1, 0, hs)).sigmoid();
        Tensor z = gi.narrow(1, hs, hs).add(gh.narrow(1, hs, hs)).sigmoid();
        Tensor n = gi.narrow(1, 2 * hs, hs).add(r.mul(gh.narrow(1, 2 * hs, hs))).tanh();
        return z.rsub(1).mul(n).add(z.mul(h));
    }
}
