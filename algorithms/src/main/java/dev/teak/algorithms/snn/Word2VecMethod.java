package dev.teak.algorithms.snn;

import dev.teak.algorithms.run.Method;
import dev.teak.algorithms.run.OptionSpec;
import dev.teak.algorithms.run.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code teak word2vec}: trains skip-gram embeddings ({@link SkipGram}) on a set's training
 * sentences plus the shipped unlabelled text, saves {@code embeddings.safetensors} and
 * {@code embeddings.vocab.txt} in the run folder, and prints the nearest neighbours of a few
 * probe words.
 */
public final class Word2VecMethod implements Method {
    @Override public String name() { return "word2vec"; }

    @Override public String description() { return "skip-gram word embeddings with negative sampling on the text sets (for teak snn)"; }

    @Override public List<OptionSpec> options() {
        return List.of(
                OptionSpec.choice("data", "sst2", TextData.SETS, "the set whose training sentences are used"),
                OptionSpec.choice("corpus", "moby", List.of("moby", "none"), "unlabelled English text added (Moby-Dick)"),
                OptionSpec.integer("dim", 50, "embedding size").range(4, 300),
                OptionSpec.integer("epochs", 5, "passes over the corpus").range(1, 100),
                OptionSpec.integer("window", 5, "largest context window").range(1, 20),
                OptionSpec.integer("negatives", 5, "negative samples per pair").range(1, 50),
                OptionSpec.real("lr", 0.025, "initial SGD learning rate (decays linearly)").range(1e-5, 1),
                OptionSpec.text("probes", "", "comma-separated probe words (default: a few sentiment words)"));
    }

    @Override public void run(RunContext ctx) throws Exception {
        var o = ctx.options();
        TextData.Split split = TextData.load(o.getString("data"), 0, 10, ctx.seed());
        List<String[]> text = new ArrayList<>(split.train().sentences());
        if (!split.chinese() && o.getString("corpus").equals("moby")) text.addAll(TextData.unlabelledEnglish());
        Vocabulary vocab = Vocabulary.build(text, 1);
        ctx.note("training on " + text.size() + " lines, " + vocab.size() + " word types");
        int epochs = o.getInt("epochs");
        long t0 = System.nanoTime();
        WordVectors wv;
        try (var p = ctx.progress("skip-gram", 0, epochs)) {
            wv = SkipGram.train(vocab, text, new SkipGram.Config(o.getInt("dim"), o.getInt("window"), o.getInt("negatives"), epochs,
                    o.getDouble("lr"), 1024, 1e-3, ctx.seed()), (e, loss) -> {
                        try {
                            ctx.metrics().log(e, "loss", loss);
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                        p.message(String.format("loss %.4f", loss));
                        p.step();
                    });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        wv.save(ctx.outDir(), "embeddings");
        String probeText = o.getString("probes");
        List<String> probes = probeText.isBlank() ? SnnExperiment.probes(split.chinese()) : List.of(probeText.split(","));
        Map<String, Object> neighbours = new LinkedHashMap<>();
        for (String w : probes) {
            String line = wv.describeNeighbours(w.trim(), 8);
            ctx.note(w.trim() + ": " + line);
            neighbours.put(w.trim(), line);
        }
        ctx.plots().metricLines("loss.png", "Skip-gram loss per pair", "loss", false, "loss");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("vocabulary", vocab.size());
        summary.put("seconds", seconds);
        summary.put("neighbours", neighbours);
        ctx.writeSummary(summary);
    }
}
