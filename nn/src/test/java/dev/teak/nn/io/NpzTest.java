package dev.teak.nn.io;

import static dev.teak.nn.io.SafeTensorsTest.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .npz} archives from NumPy and SciPy, round trips, and forged or corrupt archives. */
class NpzTest {
    @TempDir Path dir;

    private static NdArray weight() {
        float[] w = new float[6];
        for (int i = 0; i < 6; i++) w[i] = i / 4f - 0.5f;
        return NdArray.of(w, 2, 3);
    }

    @Test
    void readsNumPyArchives() throws IOException {
        for (String name : new String[] {"arrays.npz", "arrays_compressed.npz"}) {
            Map<String, NdArray> m = Npz.load(Fixtures.path(name));
            assertEquals(List.of("weight", "labels"), List.copyOf(m.keySet()), name);
            assertBitEqual(weight(), m.get("weight"));
            assertBitEqual(NdArray.of(new long[] {0, 1, 2, 3}), m.get("labels"));
        }
    }

    @Test
    void roundTripsStoredAndCompressed() throws IOException {
        Map<String, NdArray> in = SafeTensorsTest.sample();
        Path stored = dir.resolve("s.npz"), deflated = dir.resolve("d.npz");
        Npz.save(stored, in);
        Npz.saveCompressed(deflated, in);
        for (Path p : new Path[] {stored, deflated}) {
            Map<String, NdArray> out = Npz.load(p);
            assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()));
            for (String k : in.keySet()) assertBitEqual(in.get(k), out.get(k));
        }
    }

    /** The 3x4 matrix {@code [[1,0,2,0],[0,0,0,0],[0,3,0,4.5]]} in CSR form, worked out by hand. */
    private static void assertFixtureMatrix(CsrMatrix m) {
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertArrayEquals(new int[] {0, 2, 2, 4}, m.rowPtr());
        assertArrayEquals(new int[] {0, 2, 1, 3}, m.colIdx());
        assertArrayEquals(new double[] {1, 2, 3, 4.5}, m.values().toDoubleArray());
    }

    @Test
    void readsAndWritesSciPyCsr() throws IOException {
        CsrMatrix m = CsrNpz.load(Fixtures.path("csr.npz"));
        assertFixtureMatrix(m);
        // Dense product as an independent check of the structure: A @ [1, 1, 1, 1]^T = row sums.
        assertArrayEquals(new double[] {3, 0, 7.5}, m.matmul(NdArray.of(new double[] {1, 1, 1, 1}, 4, 1)).toDoubleArray());
        Path out = dir.resolve("copy.npz");
        CsrNpz.save(out, m);
        assertFixtureMatrix(CsrNpz.load(out));
        // What SciPy reads: the same member names and dtypes as save_npz writes.
        Map<String, NdArray> raw = new java.util.HashMap<>();
        Npz.readMembers(out, (k, r) -> { if (!k.equals("format")) raw.put(k, Npy.read(r)); });
        assertEquals(java.util.Set.of("indices", "indptr", "shape", "data"), raw.keySet());
        assertArrayEquals(new long[] {3, 4}, raw.get("shape").toLongArray());
    }

    @Test
    void refusesOtherSparseFormats() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> CsrNpz.load(Fixtures.path("csc.npz")));
        assertTrue(e.getMessage().contains("'csc' is not supported"), e.getMessage());
        assertThrows(NpyFormatException.class, () -> CsrNpz.load(Fixtures.path("arrays.npz")));
    }

    private Path zip(String name, byte[] content, boolean stored) throws IOException {
        Path p = dir.resolve("forged.npz");
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
            ZipEntry e = new ZipEntry(name);
            if (stored) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(content);
                e.setMethod(ZipEntry.STORED);
                e.setSize(content.length);
                e.setCompressedSize(content.length);
                e.setCrc(crc.getValue());
            }
            z.putNextEntry(e);
            z.write(content);
            z.closeEntry();
        }
        return p;
    }

    private static void assertRefused(Path p, String phrase) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "expected '" + phrase + "' in: " + e.getMessage());
    }

    @Test
    void refusesCorruptArchives() throws IOException {
        Path notZip = dir.resolve("junk.npz");
        Files.write(notZip, new byte[] {1, 2, 3, 4, 5});
        assertRefused(notZip, "not a readable zip");
        assertRefused(zip("a.txt", new byte[3], true), "not a .npy file");
        // A member claiming 2^31 floats in a few bytes: refused before any allocation.
        byte[] bomb = NpyTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (536870912,), }\n", 16);
        assertRefused(zip("x.npy", bomb, false), "needs 2147483648 bytes");
        assertRefused(zip("x.npy", bomb, true), "needs 2147483648 bytes");
        // Forge the central directory's uncompressed size of a deflated member.
        Path p = zip("x.npy", Npy.toBytes(weight()), false);
        byte[] b = Files.readAllBytes(p);
        int cd = lastIndexOf(b, new byte[] {0x50, 0x4b, 0x01, 0x02});
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(cd + 24, 0x7fffffff);
        Files.write(p, b);
        assertRefused(p, "DEFLATE cannot expand to");
    }

    private static int lastIndexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("signature not found");
    }
}
