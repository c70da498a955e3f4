package dev.teak.nn.layers;

import static dev.teak.nn.Tensors.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teak.autograd.GradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.nn.Module;
import dev.teak.nn.Parameter;
import dev.teak.nn.UnaryModule;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Float64 finite-difference checks of every layer, with respect to its input and its parameters. */
class LayerGradCheckTest {
    private static final Generator GEN = new Generator(7);

    /** Checks {@code f} with respect to {@code inputs} and every parameter of {@code m}. */
    static void check(String name, Module m, Function<Tensor[], Tensor> f, Tensor... inputs) {
        List<Tensor> all = new ArrayList<>(List.of(inputs));
        for (Parameter p : m.parameters()) all.add(p.get());
        GradCheck.check(name, f, all.toArray(new Tensor[0]), 11);
    }

    /** Checks a function of no differentiable input with respect to the parameters of {@code m}. */
    static void checkWithParameters(String name, Module m, Function<Tensor[], Tensor> f) {
        GradCheck.check(name, f, m.parameters().stream().map(Parameter::get).toArray(Tensor[]::new), 13);
    }

    static void checkUnary(String name, UnaryModule m, Tensor x) {
        m.to(DType.FLOAT64);
        check(name, m, in -> m.forward(in[0]), x);
    }

    @Test
    void linearAndBilinear() {
        checkUnary("Linear", new Linear(3, 2, GEN), leaf(1, 4, 3));
        checkUnary("Linear(no bias, 3-D input)", new Linear(3, 2, false, GEN), leaf(2, 2, 2, 3));
        Bilinear b = new Bilinear(3, 2, 4, true, GEN);
        b.to(DType.FLOAT64);
        check("Bilinear", b, in -> b.forward(in[0], in[1]), leaf(3, 2, 3), leaf(4, 2, 2));
    }

    @Test
    void convolutionsAndPools() {
        checkUnary("Conv1d", new Conv1d(2, 3, 3, 1, 1, 1, true, GEN), leaf(5, 2, 2, 6));
        checkUnary("Conv1d(stride 2, dilation 2)", new Conv1d(2, 2, 2, 2, 0, 2, false, GEN), leaf(6, 1, 2, 7));
        checkUnary("Conv2d", new Conv2d(2, 2, 3, 1, 1, true, GEN), leaf(7, 2, 2, 4, 4));
        checkUnary("Conv2d(stride 2)", new Conv2d(1, 2, 2, 2, 0, true, GEN), leaf(8, 1, 1, 4, 4));
        checkUnary("Conv2d(groups 2, dilation 2)", new Conv2d(4, 2, 2, 1, 1, 2, 2, true, GEN), leaf(34, 1, 4, 4, 4));
        checkUnary("Conv1d(groups 2)", new Conv1d(2, 4, 3, 1, 0, 1, 2, true, GEN), leaf(35, 2, 2, 5));
        checkUnary("MaxPool1d", new MaxPool1d(2), leaf(9, 2, 2, 6));
        checkUnary("MaxPool2d", new MaxPool2d(2), leaf(10, 1, 2, 4, 4));
        checkUnary("AvgPool1d", new AvgPool1d(3, 1, 1), leaf(11, 2, 2, 5));
        checkUnary("AvgPool2d", new AvgPool2d(2, 1, 0), leaf(12, 1, 2, 3, 3));
        checkUnary("GlobalAvgPool", new GlobalAvgPool(), leaf(13, 2, 3, 2, 2));
        checkUnary("GlobalMaxPool", new GlobalMaxPool(), leaf(14, 2, 3, 5));
        checkUnary("Flatten", new Flatten(), leaf(15, 2, 3, 2));
    }

    @Test
    void activations() {
        // Inputs away from the kinks at 0 (relu, leaky relu, elu) so central differences are smooth.
        Tensor x = new Tensor(NdArray.of(new double[] {-2.1, -0.7, -0.3, 0.4, 0.9, 3.2}, 2, 3), true);
        checkUnary("ReLU", new ReLU(), x);
        checkUnary("GELU", new GELU(), x);
        checkUnary("ELU", new ELU(1.5), x);
        checkUnary("LeakyReLU", new LeakyReLU(0.1), x);
        checkUnary("Sigmoid", new Sigmoid(), x);
        checkUnary("Tanh", new Tanh(), x);
        checkUnary("Softplus", new Softplus(2), x);
    }

    @Test
    void normalisationAndDropout() {
        checkUnary("LayerNorm", new LayerNorm(4), leaf(16, 3, 4));
        checkUnary("LayerNorm(2 axes)", new LayerNorm(2, 3), leaf(17, 2, 2, 3));
        checkUnary("BatchNorm1d", new BatchNorm1d(3), leaf(18, 4, 3));
        checkUnary("BatchNorm1d(sequence)", new BatchNorm1d(2), leaf(19, 2, 2, 3));
        checkUnary("BatchNorm2d", new BatchNorm2d(2), leaf(20, 2, 2, 2, 2));
        BatchNorm2d eval = new BatchNorm2d(2);
        eval.eval();
        checkUnary("BatchNorm2d(eval)", eval, leaf(21, 2, 2, 2, 2));
        // Dropout: a fixed mask per call needs a generator reset before each evaluation.
        Generator g = new Generator(3);
        Dropout d = new Dropout(0.4, g);
        GradCheck.check("Dropout", in -> {
            g.manualSeed(3);
            return d.forward(in[0]);
        }, new Tensor[] {leaf(22, 3, 4)}, 11);
    }

    @Test
    void embeddingGivesNoGradientToThePaddingRow() {
        Embedding e = new Embedding(5, 3, 2, GEN);
        e.to(DType.FLOAT64);
        NdArray idx = NdArray.of(new long[] {0, 2, 4, 2, 1, 0}, 2, 3);
        // The padding row's gradient is zero by design (its finite difference is not), so the
        // finite-difference check looks up only other rows.
        NdArray noPad = NdArray.of(new long[] {0, 3, 4, 1, 1, 0}, 2, 3);
        check("Embedding", e, in -> e.forward(noPad));
        Tensor out = e.forward(idx);
        assertEquals(0.0, out.data().select(0, 0).select(0, 1).abs().sum().item(), "padding row starts at zero");
        out.sum().backward();
        NdArray g = e.weight.grad().data();
        assertEquals(0.0, g.select(0, 2).abs().sum().item(), "padding row gradient");
        assertEquals(2.0 * 3, g.select(0, 0).sum().item(), 0, "row 0 is looked up twice");
        assertEquals(0.0, g.select(0, 3).abs().sum().item(), "unused row");
    }

    @Test
    void gruCell() {
        GRUCell cell = new GRUCell(3, 2, GEN);
        cell.to(DType.FLOAT64);
        check("GRUCell", cell, in -> cell.forward(in[0], in[1]), leaf(23, 2, 3), leaf(24, 2, 2));
        // h' = (1 - z) n + z h: with zero weights and biases z = 1/2, n = 0, so h' = h / 2.
        for (Parameter p : cell.parameters()) p.copyFrom(NdArray.zeros(DType.FLOAT64, p.shape()));
        Tensor h = leaf(25, 2, 2);
        assertEquals(h.data().mul(0.5).sum().item(), cell.forward(leaf(26, 2, 3), h).sum().item(), 1e-15);
    }

    @Test
    void attentionBlocks() {
        MultiheadAttention mha = new MultiheadAttention(4, 2, GEN);
        mha.to(DType.FLOAT64);
        NdArray pad = NdArray.of(new boolean[] {false, false, true, false, false, false}, 2, 3);
        check("MultiheadAttention", mha, in -> mha.forward(in[0], in[1], in[1], pad, false), leaf(27, 2, 3, 4), leaf(28, 2, 3, 4));
        check("MultiheadAttention(causal)", mha, in -> mha.forward(in[0], null, true), leaf(29, 2, 3, 4));
        TransformerEncoderLayer enc = new TransformerEncoderLayer(4, 2, 6, 0, false, GEN);
        enc.to(DType.FLOAT64);
        check("TransformerEncoderLayer", enc, in -> enc.forward(in[0], pad), leaf(30, 2, 3, 4));
        checkUnary("DecoderBlock", new DecoderBlock(4, 2, 6, 0, GEN), leaf(31, 1, 3, 4));
        checkUnary("PositionalEncoding(learned)", PositionalEncoding.learned(5, 4, GEN), leaf(32, 2, 3, 4));
        checkUnary("PositionalEncoding(sinusoidal)", PositionalEncoding.sinusoidal(5, 4), leaf(33, 2, 3, 4));
    }
}
