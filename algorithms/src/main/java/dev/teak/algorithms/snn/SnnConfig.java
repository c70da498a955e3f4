package dev.teak.algorithms.snn;

import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.OptionValues;
import java.util.List;

/**
 * The options of {@code teak snn}, with the defaults sized for a shared 2-core machine (the
 * paper's values in brackets): 50-d self-trained embeddings [300-d GloVe], 32 filters per width
 * [100], sentences cut or padded to 25 tokens [25], T = 20 steps [50], 3 fine-tuning and 3 direct
 * SNN epochs over 3000 random training sentences each [all, 50 epochs].
 */
public record SnnConfig(String data, int length, int dim, int filters, double dropout, int dnnEpochs, double dnnLr,
                        boolean staticEmbeddings, int steps, int finetuneEpochs, double finetuneLr, int directEpochs,
                        double directLr, String directInput, double directConvShift, double directFcShift, int batch, double beta, double surrogateK, String normalize, int w2vEpochs,
                        String corpus, int folds, int maxFolds, int attackExamples, int attackNeighbours, double attackRate,
                        int trainLimit, int snnTrain) {
    public static final int[] WIDTHS = {3, 4, 5};

    public static List<OptionSpec> options() {
        return List.of(
                OptionSpec.choice("data", "sst2", TextData.SETS, "data set"),
                OptionSpec.integer("length", 25, "tokens per sentence (cut or padded; the authors' default 25)").range(5, 200),
                OptionSpec.integer("dim", 50, "word-embedding size (skip-gram)").range(4, 300),
                OptionSpec.integer("filters", 32, "filters per width (widths 3, 4, 5)").range(1, 300),
                OptionSpec.real("dropout", 0.5, "DNN dropout before the linear layer").range(0, 0.95),
                OptionSpec.integer("dnn-epochs", 8, "DNN epochs (best on dev kept)").range(1, 200),
                OptionSpec.real("dnn-lr", 1e-3, "DNN Adam learning rate").range(1e-6, 1),
                OptionSpec.flag("static-embeddings", "keep the skip-gram vectors fixed in the DNN (default: fine-tuned through the shift map)"),
                OptionSpec.integer("steps", 20, "time steps T of the spiking networks").range(1, 1000),
                OptionSpec.integer("finetune-epochs", 3, "surrogate-gradient fine-tuning epochs of the converted SNN").range(0, 200),
                OptionSpec.real("finetune-lr", 1e-4, "fine-tuning AdamW learning rate (paper 1e-4)").range(1e-7, 1),
                OptionSpec.integer("direct-epochs", 3, "epochs of the directly trained SNN").range(0, 200),
                OptionSpec.real("direct-lr", 1e-3, "direct SNN training AdamW learning rate").range(1e-7, 1),
                OptionSpec.choice("direct-input", "dnn", List.of("dnn", "own"),
                        "direct SNN input: the DNN-tuned table, or its own table tuned through straight-through spikes from the skip-gram vectors"),
                OptionSpec.real("direct-conv-shift", 0, "added to every initial conv weight of the direct SNN (authors: 0.01)").range(-1, 1),
                OptionSpec.real("direct-fc-shift", 0, "added to every initial linear weight of the direct SNN (authors: 0.08)").range(-1, 1),
                OptionSpec.integer("batch", 32, "mini-batch size").range(1, 4096),
                OptionSpec.real("beta", 1.0, "membrane decay (1 = integrate-and-fire, as the authors' code)").range(0, 1),
                OptionSpec.real("surrogate-k", 25, "fast-sigmoid slope k").range(0.01, 1000),
                OptionSpec.choice("normalize", "data", List.of("data", "none"), "conversion weight normalisation (99.9th percentile of DNN activations) or none"),
                OptionSpec.integer("w2v-epochs", 5, "skip-gram epochs").range(1, 100),
                OptionSpec.choice("corpus", "moby", List.of("moby", "none"), "unlabelled English text added to the skip-gram corpus"),
                OptionSpec.integer("folds", 10, "cross-validation folds for MR and Subj").range(2, 20),
                OptionSpec.integer("max-folds", 10, "run only the first folds of the cross-validation").range(1, 20),
                OptionSpec.integer("attack-examples", 100, "test sentences attacked (first ones of the test split)").range(0, 100000),
                OptionSpec.integer("attack-neighbours", 15, "substitution candidates per word").range(1, 100),
                OptionSpec.real("attack-rate", 0.1, "largest fraction of words changed").range(0, 1),
                OptionSpec.integer("train-limit", 0, "use only the first N training sentences (0 = all)").range(0, 1_000_000),
                OptionSpec.integer("snn-train", 3000, "random training sentences per SNN epoch (0 = all; BPTT is the costly part)").range(0, 1_000_000));
    }

    public static SnnConfig from(OptionValues o) {
        return new SnnConfig(o.getString("data"), o.getInt("length"), o.getInt("dim"), o.getInt("filters"), o.getDouble("dropout"),
                o.getInt("dnn-epochs"), o.getDouble("dnn-lr"), o.getFlag("static-embeddings"), o.getInt("steps"),
                o.getInt("finetune-epochs"), o.getDouble("finetune-lr"), o.getInt("direct-epochs"), o.getDouble("direct-lr"), o.getString("direct-input"), o.getDouble("direct-conv-shift"), o.getDouble("direct-fc-shift"),
                o.getInt("batch"), o.getDouble("beta"), o.getDouble("surrogate-k"), o.getString("normalize"), o.getInt("w2v-epochs"),
                o.getString("corpus"), o.getInt("folds"), o.getInt("max-folds"), o.getInt("attack-examples"),
                o.getInt("attack-neighbours"), o.getDouble("attack-rate"), o.getInt("train-limit"), o.getInt("snn-train"));
    }

    /** The direct SNN's initial weight shifts {conv, fc}. */
    public double[] directShift() { return new double[] {directConvShift, directFcShift}; }

    /** Work units of one fold: skip-gram, DNN epochs, conversion, fine-tuning epochs, direct epochs, attack. */
    public int unitsPerFold() { return 1 + dnnEpochs + 1 + finetuneEpochs + directEpochs + 1; }
}
