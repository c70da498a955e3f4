package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped sets load with their documented sizes; folds partition the data; Chinese splits into characters. */
class TextDataTest {
    @Test
    void sst2HasItsPublishedSplit() {
        TextData.Split s = TextData.load("sst2", 0, 10, 0);
        assertEquals(6920, s.train().size());
        assertEquals(872, s.dev().size());
        assertEquals(1821, s.test().size());
        assertEquals(2, s.classes());
        assertEquals("a", s.train().sentences().get(0)[0]);
    }

    @Test
    void crossValidationFoldsPartitionMr() {
        // Every sentence lies in exactly one fold's test part: the multiset union of the ten test
        // parts equals the whole file's multiset of sentences.
        Map<String, Integer> all = new HashMap<>(), tests = new HashMap<>();
        for (String[] x : TextData.readEnglish("en/rt-polarity.all.gz").sentences()) all.merge(String.join(" ", x), 1, Integer::sum);
        for (int fold = 0; fold < 10; fold++) {
            TextData.Split s = TextData.load("mr", fold, 10, 5);
            assertEquals(10662, s.train().size() + s.dev().size() + s.test().size());
            assertTrue(Math.abs(s.test().size() - 1066) <= 1, "test part " + s.test().size());
            for (String[] x : s.test().sentences()) tests.merge(String.join(" ", x), 1, Integer::sum);
        }
        assertEquals(all, tests);
        assertThrows(IllegalArgumentException.class, () -> TextData.load("mr", 10, 10, 0));
    }

    @Test
    void chineseReviewsAreCharacters() {
        TextData.Split s = TextData.load("chnsenti", 0, 10, 1);
        int n = s.train().size() + s.dev().size() + s.test().size();
        assertTrue(n >= 7760 && n <= 7766, "reviews " + n);
        assertEquals(n * 8 / 10, s.train().size());
        for (String[] x : s.train().sentences().subList(0, 50)) for (String c : x) assertEquals(1, c.codePointCount(0, c.length()));
        assertArrayEquals(new String[] {"很", "快", "，", "好"}, TextData.characters("很快， 好"));
    }

    @Test
    void vocabularyIsFrequencyOrderedWithPadAndUnkFirst() {
        Vocabulary v = Vocabulary.build(List.of(new String[] {"b", "a", "a"}, new String[] {"c", "a", "b"}), 1);
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c"), List.of(v.word(0), v.word(1), v.word(2), v.word(3), v.word(4)));
        assertArrayEquals(new int[] {2, 1, 0, 0}, v.encode(new String[] {"a", "zzz"}, 4));
        assertArrayEquals(new int[] {3, 2}, v.encode(new String[] {"b", "a", "c"}, 2));
    }
}
