package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.OptionValues;
import dev.teak.algorithms.run.RunContext;
import dev.teak.algorithms.run.RunFolder;
import dev.teak.algorithms.run.RunSettings;
import dev.teak.tensor.Device;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a small slice of SST-2 (800 training sentences, the full dev and test
 * files) with a tiny budget: 16-d embeddings, 8 filters per width, T = 10. Bar: the DNN and the
 * fine-tuned SNN beat chance on the 1821 test sentences clearly (above 0.56, over 5 standard
 * errors above 0.5), and summary.json has exactly the keys the issue names.
 */
class SnnEndToEndTest {
    @Test
    void smallSst2SliceLearnsAboveChance() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        for (OptionSpec s : SnnConfig.options()) o.put(s.name(), s.defaultValue());
        o.put("train-limit", 800);
        o.put("dim", 16);
        o.put("filters", 8);
        o.put("length", 20);
        o.put("dnn-epochs", 5);
        o.put("dnn-lr", 3e-3);
        o.put("steps", 10);
        o.put("finetune-epochs", 1);
        o.put("direct-epochs", 1);
        o.put("w2v-epochs", 1);
        o.put("corpus", "none");
        o.put("attack-examples", 15);
        Path dir = Files.createTempDirectory("snn-e2e");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        RunSettings settings = new RunSettings("snn", new OptionValues(o), 3, Device.CPU, 2, true, quiet, false, 60_000);
        try (RunContext ctx = RunFolder.create(dir.resolve("run"), settings)) {
            new SnnMethod().run(ctx);
        }
        JsonNode s = new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        assertEquals(3, s.size());
        for (String key : new String[] {"accuracy", "energy_ratio", "attacked_accuracy"}) {
            for (String m : SnnExperiment.MODELS) assertTrue(s.get(key).has(m), key + " lacks " + m);
        }
        double dnn = s.get("accuracy").get("dnn").asDouble(), ft = s.get("accuracy").get("snn_finetuned").asDouble();
        System.out.println("e2e SST-2 slice: " + s);
        assertTrue(dnn > 0.56, "DNN test accuracy " + dnn);
        assertTrue(ft > 0.56, "fine-tuned SNN test accuracy " + ft);
        assertEquals(1.0, s.get("energy_ratio").get("dnn").asDouble(), 0);
        assertTrue(s.get("energy_ratio").get("snn_finetuned").asDouble() > 0);
        for (String m : SnnExperiment.MODELS) {
            assertTrue(s.get("attacked_accuracy").get(m).asDouble() <= 1.0);
        }
        assertTrue(Files.exists(dir.resolve("run/accuracy.png")));
        assertTrue(Files.exists(dir.resolve("run/metrics.jsonl")));
    }
}
