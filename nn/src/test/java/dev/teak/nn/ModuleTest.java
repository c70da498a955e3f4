package dev.teak.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.nn.io.SafeTensors;
import dev.teak.nn.layers.BatchNorm1d;
import dev.teak.nn.layers.Dropout;
import dev.teak.nn.layers.Linear;
import dev.teak.nn.layers.ReLU;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration, traversal, modes, dtype casts and state-dict checkpoints. */
class ModuleTest {
    private static Sequential model(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(3, 4, g), new BatchNorm1d(4), new ReLU(), new Dropout(0.5, g), new Linear(4, 2, g));
    }

    @Test
    void namesFollowPyTorch() {
        Sequential m = model(1);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "4.weight", "4.bias"), List.copyOf(m.stateDict().keySet()));
        assertEquals(12 + 4 + 4 + 4 + 8 + 2, m.numParameters());
    }

    @Test
    void modesGradsAndCasts() {
        Sequential m = model(2);
        m.eval();
        for (UnaryModule l : m.layers()) assertFalse(l.isTraining());
        m.train();
        assertTrue(m.get(3).isTraining());
        m.forward(Tensor.ones(5, 3)).sum().backward();
        assertNotNull(m.parameters().get(0).grad());
        m.zeroGrad();
        for (Parameter p : m.parameters()) assertNull(p.grad());
        m.to(Device.CPU);
        assertEquals(Device.CPU, m.parameters().get(0).data().device());
        m.to(DType.FLOAT64);
        for (NdArray a : m.stateDict().values()) assertTrue(a.dtype() == DType.FLOAT64 || a.dtype() == DType.INT64);
        assertEquals(DType.FLOAT64, m.forward(new Tensor(NdArray.ones(DType.FLOAT64, 5, 3))).dtype());
    }

    @Test
    void safetensorsRoundTripRestoresTheModelExactly(@TempDir Path dir) throws Exception {
        Sequential a = model(3);
        a.forward(new Tensor(new Generator(4).randn(8, 3)));      // moves BatchNorm's running statistics
        a.eval();
        Path file = dir.resolve("model.safetensors");
        a.save(file);
        Sequential b = model(99);
        b.eval();
        Tensor x = new Tensor(new Generator(5).randn(6, 3));
        assertFalse(a.forward(x).data().contentEquals(b.forward(x).data()));
        b.load(file);
        assertTrue(a.forward(x).data().contentEquals(b.forward(x).data()), "bit-exact after loading");
        Map<String, NdArray> raw = SafeTensors.load(file);
        assertEquals(1, raw.get("1.num_batches_tracked").item());
        assertArrayEquals(a.stateDict().get("1.running_var").toFloatArray(), raw.get("1.running_var").toFloatArray());
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void badStateDictsAreRefusedWithoutChanges() {
        Sequential m = model(6);
        NdArray before = m.stateDict().get("0.weight").copy();
        Map<String, NdArray> missing = new java.util.LinkedHashMap<>(model(7).stateDict());
        missing.remove("4.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(missing, true));
        assertTrue(e.getMessage().contains("4.bias"), e.getMessage());
        Map<String, NdArray> wrongShape = new java.util.LinkedHashMap<>(model(7).stateDict());
        wrongShape.put("4.bias", NdArray.zeros(3));
        e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(wrongShape, true));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertTrue(before.contentEquals(m.stateDict().get("0.weight")), "nothing was loaded");
        m.loadStateDict(missing, false);
        assertTrue(model(7).stateDict().get("0.weight").contentEquals(m.stateDict().get("0.weight")), "non-strict loads the rest");
    }
}
