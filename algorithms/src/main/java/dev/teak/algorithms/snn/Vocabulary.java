package dev.teak.algorithms.snn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word types with their corpus counts, most frequent first. Index 0 is the padding token
 * {@code <pad>} and 1 the out-of-vocabulary token {@code <unk>}; the saved form is one
 * {@code word<TAB>count} line per index, so a line number minus one is the row of the
 * embedding table saved beside it.
 */
public final class Vocabulary {
    public static final int PAD = 0, UNK = 1;
    public static final String PAD_WORD = "<pad>", UNK_WORD = "<unk>";

    private final List<String> words;
    private final long[] counts;
    private final Map<String, Integer> index = new HashMap<>();

    public Vocabulary(List<String> words, long[] counts) {
        if (words.size() < 2 || !words.get(PAD).equals(PAD_WORD) || !words.get(UNK).equals(UNK_WORD) || counts.length != words.size()) {
            throw new IllegalArgumentException("Vocabulary: expected <pad>, <unk> first and one count per word, got "
                    + words.size() + " words and " + counts.length + " counts");
        }
        this.words = List.copyOf(words);
        this.counts = counts.clone();
        for (int i = 0; i < words.size(); i++) {
            if (index.put(words.get(i), i) != null) throw new IllegalArgumentException("Vocabulary: word '" + words.get(i) + "' appears twice");
        }
    }

    /** The words of {@code text} seen at least {@code minCount} times, most frequent first (ties by first appearance). */
    public static Vocabulary build(List<String[]> text, int minCount) {
        Map<String, long[]> c = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (String[] s : text) {
            for (String w : s) {
                long[] n = c.get(w);
                if (n == null) {
                    c.put(w, new long[] {1});
                    order.add(w);
                } else {
                    n[0]++;
                }
            }
        }
        List<String> kept = new ArrayList<>();
        for (String w : order) if (c.get(w)[0] >= minCount && !w.equals(PAD_WORD) && !w.equals(UNK_WORD)) kept.add(w);
        // A stable sort keeps first-appearance order among equal counts, so the vocabulary is deterministic.
        Collections.sort(kept, (a, b) -> Long.compare(c.get(b)[0], c.get(a)[0]));
        List<String> words = new ArrayList<>(List.of(PAD_WORD, UNK_WORD));
        words.addAll(kept);
        long[] counts = new long[words.size()];
        for (int i = 2; i < words.size(); i++) counts[i] = c.get(words.get(i))[0];
        return new Vocabulary(words, counts);
    }

    public int size() { return words.size(); }

    public String word(int id) { return words.get(id); }

    public long count(int id) { return counts[id]; }

    public boolean contains(String w) { return index.containsKey(w); }

    /** The index of {@code w}, or {@link #UNK}. */
    public int id(String w) { return index.getOrDefault(w, UNK); }

    /** Indices of a sentence, truncated or padded with {@link #PAD} to {@code length}. */
    public int[] encode(String[] sentence, int length) {
        int[] out = new int[length];
        for (int i = 0; i < Math.min(length, sentence.length); i++) out[i] = id(sentence[i]);
        return out;
    }

    /** Indices of a sentence without padding. */
    public int[] encode(String[] sentence) { return encode(sentence, sentence.length); }

    public void save(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) sb.append(words.get(i)).append('\t').append(counts[i]).append('\n');
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    public static Vocabulary load(Path file) throws IOException {
        List<String> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) throw new IOException("Vocabulary: " + file + " line " + lineNo + " is not 'word<TAB>count'");
            words.add(line.substring(0, tab));
            counts.add(Long.parseLong(line.substring(tab + 1)));
        }
        return new Vocabulary(words, counts.stream().mapToLong(Long::longValue).toArray());
    }
}
