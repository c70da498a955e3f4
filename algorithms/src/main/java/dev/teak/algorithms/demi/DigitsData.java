package dev.teak.algorithms.demi;

import dev.teak.tensor.NdArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The UCI digits (1797 8x8 images, values 0-16, labels 0-9) from the classpath copy in
 * {@code data/digits/}, scaled to [0, 1], and their two views: the left half (columns 0-3) and
 * the right half (columns 4-7), each 32 pixels in row-major order.
 */
public final class DigitsData {
    public static final int SIDE = 8, HALF = 32;

    private final double[] pixels;
    private final int[] labels;

    private DigitsData(double[] pixels, int[] labels) {
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Reads {@code /data/digits/digits.csv.gz}; a malformed line is reported with its number. */
    public static DigitsData load() throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = DigitsData.class.getResourceAsStream("/data/digits/digits.csv.gz")) {
            if (raw == null) throw new IOException("digits: resource /data/digits/digits.csv.gz is missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String[] f = line.split(",");
                if (f.length != 65) throw new IOException("digits.csv.gz line " + lineNo + ": " + f.length + " fields, expected 65");
                double[] v = new double[64];
                for (int i = 0; i < 64; i++) v[i] = Integer.parseInt(f[i].trim()) / 16.0;
                rows.add(v);
                labels.add(Integer.parseInt(f[64].trim()));
            }
        }
        double[] px = new double[rows.size() * 64];
        for (int n = 0; n < rows.size(); n++) System.arraycopy(rows.get(n), 0, px, n * 64, 64);
        return new DigitsData(px, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() { return labels.length; }

    public int[] labels() { return labels.clone(); }

    /** The left halves (columns 0-3) of the given images, [n, 32]. */
    public NdArray left(int[] idx) { return half(idx, 0); }

    /** The right halves (columns 4-7) of the given images, [n, 32]. */
    public NdArray right(int[] idx) { return half(idx, 4); }

    /** Whole images [n, 64], for the raw-pixel probe. */
    public NdArray images(int[] idx) {
        double[] out = new double[idx.length * 64];
        for (int i = 0; i < idx.length; i++) System.arraycopy(pixels, idx[i] * 64, out, i * 64, 64);
        return NdArray.of(out, idx.length, 64);
    }

    private NdArray half(int[] idx, int col0) {
        double[] out = new double[idx.length * HALF];
        for (int i = 0; i < idx.length; i++) {
            for (int row = 0; row < SIDE; row++) {
                for (int c = 0; c < 4; c++) out[i * HALF + row * 4 + c] = pixels[idx[i] * 64 + row * SIDE + col0 + c];
            }
        }
        return NdArray.of(out, idx.length, HALF);
    }

    /**
     * Masks of the nested subviews of a half: subview n (0-based) keeps its first
     * (n+1) 4/N columns and zeroes the rest; the last keeps the whole half. [N][32].
     */
    public static double[][] nestedColumnMasks(int n) {
        if (n < 1 || 4 % n != 0) throw new IllegalArgumentException("digits: subviews must be 1, 2 or 4, got " + n);
        double[][] m = new double[n][HALF];
        for (int s = 0; s < n; s++) {
            int cols = (s + 1) * 4 / n;
            for (int row = 0; row < SIDE; row++) for (int c = 0; c < cols; c++) m[s][row * 4 + c] = 1;
        }
        return m;
    }
}
