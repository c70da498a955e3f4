package dev.teak.algorithms.iehgcn;

import dev.teak.nn.Module;
import dev.teak.tensor.random.Generator;
import java.util.List;

/**
 * The models an experiment compares, by the names used in options and in {@code summary.json}:
 * {@code iehgcn} (type-level attention), {@code mean_fusion} (the same network with equal type
 * weights), {@code mlp} (target features only) and {@code gcn} (a GCN on one meta-path graph).
 */
public final class ModelFactory {
    public static final List<String> NAMES = List.of("iehgcn", "mean_fusion", "mlp", "gcn");

    /** Hyper-parameters shared by the models (the authors' values by default). */
    public record Settings(int[] widths, int attentionSize, double dropout, double attentionDropout, int baselineHidden,
                           boolean lastActivation, IeHgcnLayer.ScoreInit scoreInit, IeHgcnLayer.ScoreForm scoreForm) {
        /** The paper's settings: ELU on every layer, Xavier {@code w_a}, the W_q, W_k, w_a score form. */
        public Settings(int[] widths, int attentionSize, double dropout, double attentionDropout, int baselineHidden) {
            this(widths, attentionSize, dropout, attentionDropout, baselineHidden, true, IeHgcnLayer.ScoreInit.XAVIER, IeHgcnLayer.ScoreForm.MATRICES);
        }
    }

    private ModelFactory() {}

    /** A new model; {@code metaPath} is used by {@code gcn} only. */
    public static Module create(String name, HinData.Dataset d, Settings s, String metaPath, Generator gen) {
        int c = d.split().numClasses();
        return switch (name) {
            case "iehgcn" -> ieHgcn(d, s, IeHgcnLayer.Fusion.ATTENTION, gen);
            case "mean_fusion" -> ieHgcn(d, s, IeHgcnLayer.Fusion.MEAN, gen);
            case "mlp" -> new TargetMlp(d.graph(), s.baselineHidden(), c, s.dropout(), gen);
            case "gcn" -> new MetaPathGcn(d.graph(), metaPath, s.baselineHidden(), c, s.dropout(), gen);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; choose from " + NAMES);
        };
    }

    /** ie-HGCN with the given type-level fusion (attention, or the mean-fusion ablation). */
    static IeHgcn ieHgcn(HinData.Dataset d, Settings s, IeHgcnLayer.Fusion fusion, Generator gen) {
        return new IeHgcn(d.graph(), s.widths(), d.split().numClasses(), fusion, s.dropout(), s.attentionDropout(), s.attentionSize(),
                s.lastActivation(), s.scoreInit(), s.scoreForm(), gen);
    }
}
