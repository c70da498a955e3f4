package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.algorithms.cli.Teak;
import dev.teak.algorithms.run.Json;
import dev.teak.tensor.random.Generator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the planted network (spec "(a)"): the class is readable only through the
 * informative type R. With a small budget ie-HGCN must reach well above chance (1/3), attend
 * more to R than to the noise type Z, and rank a meta-path through R first; the MLP on the
 * random target features stays near chance.
 */
class PlantedEndToEndTest {
    @Test void learnsThePlantedTypeAndRanksItFirst() throws Exception {
        HinData.Dataset d = SyntheticHin.planted(SyntheticHin.Spec.small(), new Generator(11));
        IeHgcn model = new IeHgcn(d.graph(), new int[] {32, 16}, 3, IeHgcnLayer.Fusion.ATTENTION, 0.5, 0, 32, new Generator(12));
        var ranking = new java.util.concurrent.atomic.AtomicReference<List<MetaPaths.Scored>>();
        double[] lastLayerRZ = new double[2];
        Trainer.Result r = Trainer.fit(model, d.split(), new Trainer.Config(60, 0.01, 5e-4), new Generator(13), null, () -> {
            List<Map<String, MetaPaths.TypeAttention>> avg = MetaPaths.average(d.graph(), model.lastAttention());
            ranking.set(MetaPaths.score("T", avg));
            MetaPaths.TypeAttention t = avg.get(avg.size() - 1).get("T");   // columns Self, R, Z
            lastLayerRZ[0] = t.weights()[t.columns().indexOf("R")];
            lastLayerRZ[1] = t.weights()[t.columns().indexOf("Z")];
        });
        assertTrue(r.testMicroF1() >= 0.75, "ie-HGCN test Micro-F1 " + r.testMicroF1() + " (chance 0.33)");
        assertTrue(lastLayerRZ[0] > lastLayerRZ[1], "attention T<-R " + lastLayerRZ[0] + " vs T<-Z " + lastLayerRZ[1]);
        assertTrue(ranking.get().get(0).path().startsWith("T-R"), "top meta-path " + ranking.get());
        double throughR = 0;
        for (MetaPaths.Scored s : ranking.get()) if (s.path().startsWith("T-R")) throughR += s.score();
        assertTrue(throughR > 0.5, "mass of meta-paths through R " + throughR);

        TargetMlp mlp = new TargetMlp(d.graph(), 32, 3, 0.5, new Generator(14));
        Trainer.Result m = Trainer.fit(mlp, d.split(), new Trainer.Config(30, 0.01, 5e-4), new Generator(15), null, null);
        assertTrue(m.testMicroF1() < 0.5, "an MLP on random target features cannot beat chance by much: " + m.testMicroF1());
    }

    @Test void cliRunWritesTheSummaryTheIssueNames(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Teak teak = new Teak(List.of(new IeHgcnMethod()), new PrintStream(out, true), new PrintStream(err, true), false, dir, 60_000);
        int status = teak.run("iehgcn", "--dataset", "synthetic", "--seeds", "2", "--epochs", "4", "--widths", "8,4", "--out", "run", "--quiet");
        assertEquals(0, status, err.toString());
        Map<String, Object> s = Json.read(dir.resolve("run/summary.json"));
        assertEquals(Set.of("iehgcn", "mean_fusion", "mlp", "metapaths"), s.keySet());
        for (String model : List.of("iehgcn", "mean_fusion", "mlp")) {
            Map<?, ?> m = (Map<?, ?>) s.get(model);
            assertEquals(Set.of("micro_f1", "macro_f1"), m.keySet());
            for (Object f : m.values()) assertEquals(Set.of("mean", "std"), ((Map<?, ?>) f).keySet());
        }
        List<?> paths = (List<?>) s.get("metapaths");
        double total = 0, previous = Double.POSITIVE_INFINITY;
        for (Object o : paths) {
            double score = ((Number) ((Map<?, ?>) o).get("score")).doubleValue();
            assertTrue(score <= previous, "ranked highest first");
            previous = score;
            total += score;
        }
        assertEquals(1, total, 1e-5);
        for (String png : List.of("f1.png", "metapaths.png", "validation.png")) assertTrue(Files.size(dir.resolve("run").resolve(png)) > 0, png);
        assertEquals(0, teak.run("iehgcn", "--out", "run", "--resume", "--quiet"), err.toString());
    }
}
