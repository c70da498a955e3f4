package dev.teak.algorithms.snn;

import dev.teak.nn.io.SafeTensors;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A word-embedding table {@code [V, d]} with its {@link Vocabulary}: cosine nearest neighbours
 * (for the probe words and the substitution attack), and saving as {@code <stem>.safetensors}
 * (tensor {@code embeddings}) plus {@code <stem>.vocab.txt}.
 */
public final class WordVectors {
    private final Vocabulary vocab;
    private final float[] table;
    private final int dim;
    private final float[] norms;

    public WordVectors(Vocabulary vocab, NdArray embeddings) {
        if (embeddings.dim() != 2 || embeddings.size(0) != vocab.size()) {
            throw new IllegalArgumentException("WordVectors: expected embeddings [" + vocab.size() + ", d], got "
                    + java.util.Arrays.toString(embeddings.shape()));
        }
        this.vocab = vocab;
        this.table = embeddings.toFloatArray();
        this.dim = embeddings.size(1);
        this.norms = new float[vocab.size()];
        for (int w = 0; w < vocab.size(); w++) {
            double s = 0;
            for (int j = 0; j < dim; j++) s += (double) table[w * dim + j] * table[w * dim + j];
            norms[w] = (float) Math.sqrt(s);
        }
    }

    public Vocabulary vocab() { return vocab; }

    public int dim() { return dim; }

    /** The table {@code [V, d]} (a copy). */
    public NdArray embeddings() { return NdArray.of(table, vocab.size(), dim); }

    public double cosine(int a, int b) {
        double s = 0;
        for (int j = 0; j < dim; j++) s += (double) table[a * dim + j] * table[b * dim + j];
        return s / Math.max(1e-12, (double) norms[a] * norms[b]);
    }

    /** The {@code k} words of highest cosine similarity to word {@code w}, excluding it, padding and unknown. */
    public int[] nearest(int w, int k) {
        int n = Math.min(k, vocab.size() - 3);
        int[] best = new int[Math.max(0, n)];
        double[] sim = new double[best.length];
        int filled = 0;
        for (int o = 2; o < vocab.size(); o++) {
            if (o == w) continue;
            double c = cosine(w, o);
            if (filled < best.length) filled++;
            else if (c <= sim[filled - 1]) continue;
            int pos = filled - 1;
            while (pos > 0 && sim[pos - 1] < c) {
                sim[pos] = sim[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            sim[pos] = c;
            best[pos] = o;
        }
        return best;
    }

    /** Nearest neighbours of a word as text, {@code "w1 (0.71), w2 (0.65), ..."}. */
    public String describeNeighbours(String word, int k) {
        if (!vocab.contains(word)) return "(not in the vocabulary)";
        List<String> parts = new ArrayList<>();
        int w = vocab.id(word);
        for (int o : nearest(w, k)) parts.add(vocab.word(o) + String.format(" (%.2f)", cosine(w, o)));
        return String.join(", ", parts);
    }

    public void save(Path dir, String stem) throws IOException {
        SafeTensors.save(dir.resolve(stem + ".safetensors"), Map.of("embeddings", embeddings()),
                Map.of("vocabulary", stem + ".vocab.txt", "method", "skip-gram with negative sampling"));
        vocab.save(dir.resolve(stem + ".vocab.txt"));
    }

    public static WordVectors load(Path dir, String stem) throws IOException {
        Vocabulary v = Vocabulary.load(dir.resolve(stem + ".vocab.txt"));
        NdArray e = SafeTensors.load(dir.resolve(stem + ".safetensors")).get("embeddings");
        if (e == null) throw new IOException("WordVectors: " + dir.resolve(stem + ".safetensors") + " has no tensor 'embeddings'");
        return new WordVectors(v, e.to(DType.FLOAT32));
    }
}
