package dev.teak.algorithms.snn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The sentence-classification sets of the paper, read from the gzipped copies under
 * {@code data/text/} on the class path, and their train / dev / test splits. English text is
 * already tokenised (split on spaces, lower-cased); Chinese reviews are split into characters
 * (the specification allows characters in place of a word segmenter).
 *
 * <p>Splits: SST-2 and SST-5 use their published train / dev / test files. MR and Subj have no
 * split: {@code folds}-fold cross-validation over a seeded shuffle, fold {@code k} is the test
 * part and the last tenth of the remaining sentences the dev part (model selection never looks
 * at the test part). ChnSentiCorp and Waimai: a fixed seeded 80 / 10 / 10 split.
 */
public final class TextData {
    private TextData() {}

    /** The sets {@code teak snn --data} accepts. */
    public static final List<String> SETS = List.of("sst2", "sst5", "mr", "subj", "chnsenti", "waimai");

    /** Tokenised sentences with integer labels in {@code [0, classes)}. */
    public record Labelled(List<String[]> sentences, int[] labels) {
        public int size() { return labels.length; }
    }

    /** One train / dev / test split of a set. */
    public record Split(String set, int classes, boolean chinese, Labelled train, Labelled dev, Labelled test) {}

    /** Whether {@code set} has no published split and is evaluated by cross-validation. */
    public static boolean crossValidated(String set) { return set.equals("mr") || set.equals("subj"); }

    /** Loads fold {@code fold} of {@code set} (the fold matters only for MR and Subj). */
    public static Split load(String set, int fold, int folds, long seed) {
        switch (set) {
            case "sst2": return fixed(set, 2, "stsa.binary");
            case "sst5": return fixed(set, 5, "stsa.fine");
            case "mr": return crossValidation(set, readEnglish("en/rt-polarity.all.gz"), fold, folds, seed);
            case "subj": return crossValidation(set, readEnglish("en/subj.all.gz"), fold, folds, seed);
            case "chnsenti": return chinese(set, readChinese("zh/ChnSentiCorp_htl_all.csv.gz"), seed);
            case "waimai": return chinese(set, readChinese("zh/waimai_10k.csv.gz"), seed);
            default: throw new IllegalArgumentException("snn data: unknown set '" + set + "', expected one of " + SETS);
        }
    }

    private static Split fixed(String set, int classes, String stem) {
        return new Split(set, classes, false, readEnglish("en/" + stem + ".train.gz"),
                readEnglish("en/" + stem + ".dev.gz"), readEnglish("en/" + stem + ".test.gz"));
    }

    private static Split crossValidation(String set, Labelled all, int fold, int folds, long seed) {
        if (folds < 2 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("snn data: fold " + fold + " of " + folds + " folds is not a valid fold of " + set);
        }
        int[] order = permutation(all.size(), seed);
        int n = all.size(), lo = (int) ((long) n * fold / folds), hi = (int) ((long) n * (fold + 1) / folds);
        List<Integer> rest = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < n; i++) (i >= lo && i < hi ? test : rest).add(order[i]);
        int devSize = rest.size() / 10;
        return new Split(set, 2, false, subset(all, rest.subList(0, rest.size() - devSize)),
                subset(all, rest.subList(rest.size() - devSize, rest.size())), subset(all, test));
    }

    private static Split chinese(String set, Labelled all, long seed) {
        int[] order = permutation(all.size(), seed);
        int n = all.size(), a = n * 8 / 10, b = n * 9 / 10;
        List<Integer> tr = new ArrayList<>(), dv = new ArrayList<>(), te = new ArrayList<>();
        for (int i = 0; i < n; i++) (i < a ? tr : i < b ? dv : te).add(order[i]);
        return new Split(set, 2, true, subset(all, tr), subset(all, dv), subset(all, te));
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static Labelled subset(Labelled all, List<Integer> idx) {
        List<String[]> s = new ArrayList<>(idx.size());
        int[] y = new int[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            s.add(all.sentences().get(idx.get(i)));
            y[i] = all.labels()[idx.get(i)];
        }
        return new Labelled(s, y);
    }

    /** {@code <label> <tokens...>} per line. */
    static Labelled readEnglish(String resource) {
        List<String[]> s = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(resource)) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty()) continue;
            int sp = t.indexOf(' ');
            if (sp < 0) throw new IllegalArgumentException("snn data: " + resource + " line " + lineNo + " has a label but no text");
            y.add(Integer.parseInt(t.substring(0, sp)));
            s.add(t.substring(sp + 1).trim().toLowerCase(Locale.ROOT).split("\\s+"));
        }
        return new Labelled(s, y.stream().mapToInt(Integer::intValue).toArray());
    }

    /** CSV {@code label,review} with a header; the review split into characters, white space dropped. */
    static Labelled readChinese(String resource) {
        List<String[]> s = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<String> lines = lines(resource);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma < 0) continue;
            String text = line.substring(comma + 1);
            if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
            String[] chars = characters(text);
            if (chars.length == 0) continue;
            y.add(Integer.parseInt(line.substring(0, comma).trim()));
            s.add(chars);
        }
        return new Labelled(s, y.stream().mapToInt(Integer::intValue).toArray());
    }

    static String[] characters(String text) {
        return text.codePoints().filter(c -> !Character.isWhitespace(c))
                .mapToObj(c -> new String(Character.toChars(c)).toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?|[^\\sa-z0-9]");

    /** Unlabelled English text (Moby-Dick), one tokenised line per non-empty line, tokens split like the SST files. */
    public static List<String[]> unlabelledEnglish() {
        List<String[]> out = new ArrayList<>();
        for (String line : lines("corpus/moby-dick.txt.gz")) {
            String t = line.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace("n't", " n't");
            List<String> toks = new ArrayList<>();
            Matcher m = WORD.matcher(t);
            while (m.find()) toks.add(m.group());
            if (!toks.isEmpty()) out.add(toks.toArray(new String[0]));
        }
        return out;
    }

    static List<String> lines(String resource) {
        String path = "/data/text/" + resource;
        try (InputStream raw = TextData.class.getResourceAsStream(path)) {
            if (raw == null) throw new IllegalStateException("snn data: class-path resource " + path + " is missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String l; (l = r.readLine()) != null; ) out.add(l);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("snn data: cannot read " + path, e);
        }
    }
}
