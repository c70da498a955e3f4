package dev.teak.nn.io;

import static dev.teak.nn.io.SafeTensorsTest.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy fixtures of every dtype, byte order, layout and version; round trips; malformed headers. */
class NpyTest {
    @TempDir Path dir;

    /** The 2x3 array {@code np.arange(6).reshape(2, 3)} mapped through {@code f}. */
    private static double[] base(java.util.function.IntToDoubleFunction f) {
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) v[i] = f.applyAsDouble(i);
        return v;
    }

    @Test
    void readsEachDtypeWrittenByNumPy() throws IOException {
        float[] f4 = new float[6];
        for (int i = 0; i < 6; i++) f4[i] = i / 4f - 0.5f;
        assertBitEqual(NdArray.of(f4, 2, 3), Npy.load(Fixtures.path("f4.npy")));
        assertBitEqual(NdArray.of(base(i -> i / 8.0 + 1e-300), 2, 3), Npy.load(Fixtures.path("f8.npy")));
        assertBitEqual(NdArray.of(new int[] {-3, -2, -1, 0, 1, 2}, 2, 3), Npy.load(Fixtures.path("i4.npy")));
        long[] i8 = new long[6];
        for (int i = 0; i < 6; i++) i8[i] = i * 1_000_000_000_000L;
        assertBitEqual(NdArray.of(i8, 2, 3), Npy.load(Fixtures.path("i8.npy")));
        assertBitEqual(NdArray.of(new boolean[] {true, false, true, false, true, false}, 2, 3), Npy.load(Fixtures.path("b1.npy")));
        assertBitEqual(NdArray.of(new float[] {1f, -2.5f, 65504f, 0x1p-24f, -0.0f}), Npy.load(Fixtures.path("f2.npy")));
        assertBitEqual(NdArray.of(new int[] {0, 1, 127, 128, 255}), Npy.load(Fixtures.path("u1.npy")));
        NdArray scalar = Npy.load(Fixtures.path("scalar_f8.npy"));
        assertEquals(0, scalar.dim());
        assertEquals(2.75, scalar.item());
        assertBitEqual(NdArray.of(new long[] {0, 1, 2, 3, 4}), Npy.load(Fixtures.path("v2_i8.npy")));
        assertBitEqual(NdArray.of(new long[] {0, 1, 2, 3, 4}), Npy.load(Fixtures.path("v3_i8.npy")));
    }

    @Test
    void readsBigEndianData() throws IOException {
        assertBitEqual(NdArray.of(base(i -> i / 8.0), 2, 3), Npy.load(Fixtures.path("be_f8.npy")));
        assertBitEqual(NdArray.of(new int[] {-3, -2, -1, 0, 1, 2}, 2, 3), Npy.load(Fixtures.path("be_i4.npy")));
    }

    @Test
    void readsFortranOrderAsAPermutedView() throws IOException {
        NdArray a = Npy.load(Fixtures.path("fortran_f4.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, a.shape());
        assertFalse(a.isContiguous()); // column-major strides, no copy
        assertArrayEquals(new int[] {1, 2, 6}, a.strides());
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            assertEquals(100 * i + 10 * j + k, a.getDouble(i, j, k), "element " + i + "," + j + "," + k);
        }
    }

    @Test
    void writesTheSameBytesAsNumPy() throws IOException {
        float[] f4 = new float[6];
        for (int i = 0; i < 6; i++) f4[i] = i / 4f - 0.5f;
        assertArrayEquals(Files.readAllBytes(Fixtures.path("f4.npy")), Npy.toBytes(NdArray.of(f4, 2, 3)));
        assertArrayEquals(Files.readAllBytes(Fixtures.path("b1.npy")),
                Npy.toBytes(NdArray.of(new boolean[] {true, false, true, false, true, false}, 2, 3)));
        assertArrayEquals(Files.readAllBytes(Fixtures.path("scalar_f8.npy")), Npy.toBytes(NdArray.scalar(2.75, DType.FLOAT64)));
        assertArrayEquals(Files.readAllBytes(Fixtures.path("i4.npy")), Npy.toBytes(NdArray.of(new int[] {-3, -2, -1, 0, 1, 2}, 2, 3)));
    }

    @Test
    void roundTripsEveryDtypeAndLayout() throws IOException {
        for (NdArray a : SafeTensorsTest.sample().values()) {
            Path f = dir.resolve("a.npy");
            Npy.save(f, a);
            assertBitEqual(a, Npy.load(f));
            assertEquals(0, Files.size(f) - Npy.toBytes(a).length);
            // The data starts 64-byte aligned, as NumPy requires for memory mapping.
            assertEquals(0, (Files.size(f) - (long) a.numel() * a.dtype().byteSize()) % 64);
        }
    }

    @Test
    void switchesToVersion2ForHugeHeaders() throws IOException {
        int[] shape = new int[25000]; // "1, " per axis: over the 65535 bytes of a 1.0 header
        Arrays.fill(shape, 1);
        NdArray a = NdArray.zeros(shape);
        byte[] b = Npy.toBytes(a);
        assertEquals(2, b[6]);
        assertBitEqual(a, Npy.read(b, "huge.npy"));
        assertEquals(0, (b.length - 4) % 64);
    }

    // ------------------------------------------------------------------ malformed files

    /** A version 1.0 file with {@code dict} as header and {@code dataBytes} zero bytes of data. */
    static byte[] npy(String dict, int dataBytes) {
        byte[] h = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return b.array();
    }

    static void assertRefused(byte[] bytes, String phrase) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(bytes, "bad.npy"));
        assertTrue(e.getMessage().startsWith("bad.npy: "), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "expected '" + phrase + "' in: " + e.getMessage());
    }

    @Test
    void refusesMalformedFiles() {
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n";
        assertBitEqual(NdArray.zeros(2), readUnchecked(npy(ok, 8)));
        assertRefused(npy(ok, 4), "needs 8 bytes but only 4 remain");
        assertRefused(npy(ok, 12), "4 unexpected bytes");
        assertRefused(new byte[] {1, 2, 3}, "too short");
        byte[] magic = npy(ok, 8);
        magic[1] = 'X';
        assertRefused(magic, "bad magic");
        byte[] version = npy(ok, 8);
        version[6] = 4;
        assertRefused(version, "version 4.0");
        byte[] len = npy(ok, 8);
        len[8] = (byte) 0xff;
        len[9] = (byte) 0xff;
        assertRefused(len, "header needs 65535 bytes");
        assertRefused(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16), "'<c8' is not supported");
        assertRefused(npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 16), "malformed");
        assertRefused(npy("{'descr': '=f4', 'fortran_order': False, 'shape': (2,), }", 8), "byte order");
        assertRefused(npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", 8), "structured");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", 8), "must be True or False");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2), }", 8), "not a tuple");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", 8), "non-negative integer");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }", 8), "too large");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }", 8), "overflows");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }", 8), "more than one Java array");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", 8), "keys must be exactly");
        assertRefused(npy("{'descr': '<f4', 'descr': '<f4', 'shape': (2,), }", 8), "appears twice");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } junk", 8), "after the dictionary");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,", 8), "ends early");
    }

    private static NdArray readUnchecked(byte[] b) {
        try {
            return Npy.read(b, "ok.npy");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
