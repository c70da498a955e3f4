package dev.teak.algorithms.iehgcn;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.random.Generator;

/** A model that scores every node of the target type: ie-HGCN and the baselines, trained by {@link Trainer}. */
public interface NodeClassifier {
    /** Logits {@code [n_target, C]}; dropout (in training mode) draws from {@code gen}. */
    Tensor logits(Generator gen);
}
