package dev.teak.opencl;

import static dev.teak.opencl.OpenClTestSupport.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Autograd;
import dev.teak.autograd.Convolutions;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The backward rules of autograd, run unchanged on OpenCL arrays, give the CPU's gradients:
 * for composite functions over matmul, softmax, log-sum-exp, max, sort, cumsum, variance,
 * convolution and max-pooling, every input's gradient agrees (float64 to 1e-9, float32 to 1e-4).
 */
class AutogradParityTest {
    record Case(String name, int[][] shapes, Function<Tensor[], Tensor> f) {}

    static final Case[] CASES = {
        new Case("matmul tanh", new int[][] {{5, 4}, {4, 3}}, t -> t[0].matmul(t[1]).tanh().sum()),
        new Case("softmax", new int[][] {{4, 6}, {4, 6}}, t -> t[0].softmax(1).mul(t[1]).sum()),
        new Case("logsumexp", new int[][] {{3, 7}}, t -> t[0].logsumexp(new int[] {1}, false).square().sum()),
        new Case("max", new int[][] {{4, 5}}, t -> t[0].max(1, false).mul(t[0].sum(1, false)).sum()),
        new Case("sort", new int[][] {{3, 6}, {3, 6}}, t -> t[0].sort(1, false).values().mul(t[1]).sum()),
        new Case("cumsum", new int[][] {{3, 5}}, t -> t[0].cumsum(1).square().sum()),
        new Case("var", new int[][] {{6, 3}}, t -> t[0].var(new int[] {0}, 1, false).sum()),
        new Case("conv2d", new int[][] {{2, 2, 5, 5}, {3, 2, 3, 3}, {3}},
                t -> Convolutions.conv2d(t[0], t[1], t[2], 1, 1).relu().sum()),
        new Case("maxPool2d", new int[][] {{1, 2, 4, 6}}, t -> Convolutions.maxPool2d(t[0].square(), 2, 2, 0).sum()),
    };

    @Test
    void gradientsOnOpenClEqualTheCpus() {
        backend();
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            DType t = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
            double tol = t == DType.FLOAT32 ? 1e-4 : 1e-9;
            for (Case c : CASES) {
                NdArray[] data = new NdArray[c.shapes().length];
                for (int i = 0; i < data.length; i++) data[i] = values(r, t, dev.teak.tensor.Shape.numel(c.shapes()[i]), false).reshape(c.shapes()[i]);
                NdArray[] cpu = grads(c, data, Device.CPU), dev = grads(c, data, DEV);
                for (int i = 0; i < data.length; i++) assertClose(c.name() + " d/dinput" + i + " " + t, cpu[i], dev[i], tol, tol);
            }
        });
    }

    static NdArray[] grads(Case c, NdArray[] data, Device device) {
        Tensor[] in = new Tensor[data.length];
        for (int i = 0; i < in.length; i++) in[i] = new Tensor(data[i].to(device), true);
        Tensor out = c.f().apply(in);
        Tensor[] g = Autograd.grad(new Tensor[] {out}, in, null, false, true);
        NdArray[] result = new NdArray[g.length];
        for (int i = 0; i < g.length; i++) result[i] = g[i].data();
        return result;
    }
}
