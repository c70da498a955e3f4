package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each model trains with its own validation-chosen learning rate: mean fusion's replaces the shared one, nothing else changes. */
class ExperimentPlanTest {
    @Test void meanFusionGetsItsOwnLearningRate() {
        Trainer.Config base = new Trainer.Config(50, 0.01, 5e-4);
        Experiment.Plan plan = new Experiment.Plan(List.of("iehgcn", "mean_fusion", "mlp"), 5, base, 0.02,
                new ModelFactory.Settings(new int[] {8}, 4, 0.5, 0, 8), "auto");
        assertEquals(base, plan.train("iehgcn"));
        assertEquals(base, plan.train("mlp"));
        assertEquals(new Trainer.Config(50, 0.02, 5e-4), plan.train("mean_fusion"));
    }
}
