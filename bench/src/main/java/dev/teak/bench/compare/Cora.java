package dev.teak.bench.compare;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cora (2708 nodes, 5278 undirected edges, 1433 binary features, 7 classes) from the jar's
 * resources ({@code cora/README.md} names the source).
 */
final class Cora {
    private Cora() {}

    static final int NODES = 2708, FEATURES = 1433, CLASSES = 7;

    /** The adjacency with both directions of every edge, values 1 (10556 nonzeros). */
    static CsrMatrix adjacency() {
        List<int[]> edges = new ArrayList<>();
        for (String line : lines("edges.txt")) {
            String[] p = line.trim().split("\\s+");
            edges.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
        }
        int m = edges.size();
        int[] r = new int[2 * m], c = new int[2 * m];
        float[] v = new float[2 * m];
        for (int i = 0; i < m; i++) {
            int[] e = edges.get(i);
            r[2 * i] = e[0]; c[2 * i] = e[1];
            r[2 * i + 1] = e[1]; c[2 * i + 1] = e[0];
            v[2 * i] = v[2 * i + 1] = 1;
        }
        return CsrMatrix.fromCoo(NODES, NODES, r, c, v, true);
    }

    /** Features {@code [2708, 1433]}, each row divided by its count of ones (Kipf and Welling's preprocessing). */
    static NdArray features() {
        float[] x = new float[NODES * FEATURES];
        List<String> rows = lines("features.txt");
        for (int i = 0; i < NODES; i++) {
            String row = rows.get(i).trim();
            if (row.isEmpty()) continue;
            String[] idx = row.split("\\s+");
            for (String s : idx) x[i * FEATURES + Integer.parseInt(s)] = 1f / idx.length;
        }
        return NdArray.of(x, NODES, FEATURES);
    }

    /** Labels 0..6 as int64 {@code [2708]}. */
    static NdArray labels() {
        List<String> rows = lines("labels.txt");
        long[] y = new long[NODES];
        for (int i = 0; i < NODES; i++) y[i] = Long.parseLong(rows.get(i).trim());
        return NdArray.of(y, NODES);
    }

    /** The data lines of a resource (comment lines starting with '#' dropped, empty lines kept). */
    private static List<String> lines(String name) {
        try (InputStream s = Cora.class.getResourceAsStream("cora/" + name)) {
            if (s == null) throw new IllegalStateException("Cora: resource cora/" + name + " missing from the classpath");
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) if (!line.startsWith("#")) out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
