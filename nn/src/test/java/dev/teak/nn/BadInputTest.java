package dev.teak.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.layers.Conv2d;
import dev.teak.nn.layers.Embedding;
import dev.teak.nn.layers.LayerNorm;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.MultiheadAttention;
import dev.teak.nn.optim.SGD;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input fails with a message naming the op, the shapes and the offending argument. */
class BadInputTest {
    private static void fails(Executable e, String... parts) {
        String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String p : parts) assertTrue(msg.contains(p), "'" + msg + "' should mention '" + p + "'");
    }

    @Test
    void layersNameTheirShapes() {
        Generator g = new Generator(1);
        fails(() -> new Linear(3, 2, g).forward(Tensor.zeros(4, 5)), "Linear(3 -> 2)", "[4, 5]");
        fails(() -> new Conv2d(3, 4, 3, 1, 1, 1, 2, true, g), "Conv2d", "2 groups", "3 -> 4");
        fails(() -> new Embedding(4, 2, g).forward(NdArray.of(new long[] {1, 4}, 2)), "Embedding", "index 4", "[0, 4)");
        fails(() -> new LayerNorm(3).forward(Tensor.zeros(2, 4)), "LayerNorm[3]", "[2, 4]");
        fails(() -> new MultiheadAttention(6, 4, g), "MultiheadAttention", "6", "4 heads");
        fails(() -> new MultiheadAttention(4, 2, g).forward(Tensor.zeros(1, 3, 4), NdArray.of(new boolean[2], 1, 2), false),
                "key padding mask", "[1, 2]", "[1, 3]");
    }

    @Test
    void lossesNameTheirArguments() {
        fails(() -> F.crossEntropy(Tensor.zeros(2, 3), NdArray.of(new long[] {0, 1, 2}, 3)), "crossEntropy", "[2, 3]", "[3]");
        fails(() -> F.crossEntropy(Tensor.zeros(2, 3), NdArray.of(new long[] {0, -2}, 2)), "crossEntropy", "target -2");
        fails(() -> F.mse(Tensor.zeros(2), Tensor.zeros(3)), "mse", "[2]", "[3]");
        fails(() -> F.huber(Tensor.zeros(2), Tensor.zeros(2), 0), "huber", "delta");
        fails(() -> F.infoNce(Tensor.zeros(2, 3), Tensor.zeros(2, 3), -1), "infoNce", "temperature");
    }

    @Test
    void modulesAndOptimizers() {
        Linear l = new Linear(2, 2, new Generator(2));
        fails(() -> l.weight.set(Tensor.zeros(3, 2)), "Parameter.set", "[3, 2]", "[2, 2]");
        fails(() -> new SGD(List.of(), 0.1), "SGD", "no parameters");
        fails(() -> new SGD(l.parameters(), 0.1, 0, 0.5, 0, true), "SGD", "Nesterov");
        fails(() -> new SGD(l.parameters(), 0.1).loadStateDict(java.util.Map.of("lr", NdArray.scalar(1), "state.5.x", NdArray.zeros(1))),
                "unexpected key 'state.5.x'");
    }
}
