package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Skip-gram learns a planted structure; the unigram table and saving round trip. */
class SkipGramTest {
    /** Three topics of 8 words each; a sentence draws all its words from one topic. */
    static List<String[]> plantedCorpus(int sentences, long seed) {
        Random r = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            int topic = r.nextInt(3);
            String[] w = new String[6 + r.nextInt(6)];
            for (int i = 0; i < w.length; i++) w[i] = "t" + topic + "w" + r.nextInt(8);
            out.add(w);
        }
        return out;
    }

    @Test
    void nearestNeighboursShareTheTopic() {
        List<String[]> text = plantedCorpus(1500, 1);
        Vocabulary vocab = Vocabulary.build(text, 1);
        double[] losses = new double[4];
        WordVectors wv = SkipGram.train(vocab, text, new SkipGram.Config(16, 3, 4, 4, 0.025, 256, 0, 7), (e, l) -> losses[e] = l);
        assertTrue(losses[3] < losses[0] && losses[3] < 0.9 * 5 * Math.log(2), "loss should fall below the chance level: " + java.util.Arrays.toString(losses));
        int same = 0, total = 0;
        for (int w = 2; w < vocab.size(); w++) {
            String topic = vocab.word(w).substring(0, 2);
            for (int o : wv.nearest(w, 5)) {
                total++;
                if (vocab.word(o).startsWith(topic)) same++;
            }
        }
        // Chance is 7/23 ~ 0.30 of neighbours in the same topic.
        assertTrue(same / (double) total > 0.9, "neighbours in the same topic: " + same + "/" + total);
    }

    @Test
    void unigramTableFollowsThreeQuarterPower() {
        Vocabulary vocab = new Vocabulary(List.of(Vocabulary.PAD_WORD, Vocabulary.UNK_WORD, "a", "b"), new long[] {0, 0, 16, 1});
        int[] t = SkipGram.unigramTable(vocab, 1 << 16);
        int a = 0;
        for (int w : t) if (w == 2) a++;
        double expected = 8 / 9.0;                       // 16^0.75 = 8 against 1^0.75 = 1
        assertEquals(expected, a / (double) t.length, 1e-3);
    }

    @Test
    void savedVectorsLoadBack() throws Exception {
        List<String[]> text = plantedCorpus(50, 2);
        Vocabulary vocab = Vocabulary.build(text, 1);
        WordVectors wv = SkipGram.train(vocab, text, new SkipGram.Config(8, 2, 2, 1, 0.025, 64, 0, 3), null);
        Path dir = Files.createTempDirectory("w2v");
        wv.save(dir, "emb");
        WordVectors back = WordVectors.load(dir, "emb");
        assertEquals(vocab.size(), back.vocab().size());
        assertEquals(vocab.word(5), back.vocab().word(5));
        assertEquals(wv.cosine(2, 3), back.cosine(2, 3), 1e-6);
    }
}
