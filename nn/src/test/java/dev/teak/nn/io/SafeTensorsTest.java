package dev.teak.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, byte-exact layout, the PyTorch-convention fixture, and each malformed-file rule. */
class SafeTensorsTest {
    @TempDir Path dir;

    static Map<String, NdArray> sample() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        float nanWithPayload = Float.intBitsToFloat(0x7fc01234);
        m.put("w", NdArray.of(new float[] {1.5f, -0.0f, Float.POSITIVE_INFINITY, nanWithPayload, Float.MIN_VALUE, 3e38f}, 2, 3));
        m.put("w_t", NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1)); // a non-contiguous view
        m.put("d", NdArray.of(new double[] {Math.PI, -Double.MAX_VALUE, Double.MIN_VALUE}));
        m.put("i", NdArray.of(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 2));
        m.put("l", NdArray.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
        m.put("b", NdArray.of(new boolean[] {true, false, true}));
        m.put("scalar", NdArray.scalar(7.25, DType.FLOAT64));
        m.put("empty", NdArray.zeros(DType.INT64, 0, 4));
        return m;
    }

    /** Same dtype, shape and raw bits of every element (NaN payloads and -0.0 included). */
    static void assertBitEqual(NdArray expected, NdArray actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertArrayEquals(expected.shape(), actual.shape());
        switch (expected.dtype()) {
            case FLOAT32: {
                float[] a = expected.toFloatArray(), b = actual.toFloatArray();
                for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "element " + i);
                break;
            }
            case FLOAT64: {
                double[] a = expected.toDoubleArray(), b = actual.toDoubleArray();
                for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "element " + i);
                break;
            }
            default: assertArrayEquals(expected.toLongArray(), actual.toLongArray());
        }
    }

    @Test
    void roundTripIsBitExactAndKeepsOrderAndMetadata() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Map<String, NdArray> in = sample();
        SafeTensors.save(f, in, Map.of("format", "pt", "note", "caf\u00e9 \"quoted\""));
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(c.tensors().keySet()));
        for (String k : in.keySet()) assertBitEqual(in.get(k), c.tensors().get(k));
        assertEquals(Map.of("format", "pt", "note", "caf\u00e9 \"quoted\""), c.metadata());
        // The file and the in-memory encoding agree byte for byte.
        assertArrayEquals(Files.readAllBytes(f), SafeTensors.toBytes(in, Map.of("format", "pt", "note", "caf\u00e9 \"quoted\"")));
    }

    @Test
    void layoutMatchesTheSpecByteForByte() throws IOException {
        byte[] got = SafeTensors.toBytes(Map.of("a", NdArray.of(new float[] {1.0f, -2.0f})), Map.of());
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"; // 54 bytes
        String padded = json + "  ";                                                     // to 56, a multiple of 8
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.write(new byte[] {56, 0, 0, 0, 0, 0, 0, 0});
        want.write(padded.getBytes(StandardCharsets.UTF_8));
        // 1.0f = 0x3F800000 and -2.0f = 0xC0000000, little-endian.
        want.write(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0});
        assertArrayEquals(want.toByteArray(), got);
    }

    @Test
    void readsTheFixtureWrittenWithPyTorchConventions() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(Fixtures.path("torch_state.safetensors"));
        assertEquals(Map.of("format", "pt"), c.metadata());
        Map<String, NdArray> t = c.tensors();
        assertEquals(8, t.size());
        float[] w = new float[6];
        for (int i = 0; i < 6; i++) w[i] = i / 4f - 0.5f;                        // arange(6)/4 - 0.5
        assertBitEqual(NdArray.of(w, 2, 3), t.get("linear.weight"));
        assertBitEqual(NdArray.of(new double[] {1.5, -2.25, 1e-300}), t.get("linear.bias"));
        assertEquals(0, t.get("step").dim());
        assertEquals(123456789012345L, t.get("step").getLong());
        assertBitEqual(NdArray.of(new int[] {-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE}), t.get("ids"));
        assertBitEqual(NdArray.of(new boolean[] {true, false, false, true}, 2, 2), t.get("mask"));
        // F16 widened exactly: 65504 is the largest half, 2^-24 the smallest subnormal.
        assertBitEqual(NdArray.of(new float[] {1f, -2.5f, 65504f, 0x1p-24f, -0.0f}), t.get("half"));
        assertBitEqual(NdArray.of(new float[] {1f, -3.140625f, 0x1p100f}), t.get("bf"));
        assertArrayEquals(new int[] {0, 3}, t.get("empty").shape());
    }

    // ------------------------------------------------------------------ malformed files

    /** A file with the given header text and data bytes (the header length is set to match). */
    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    static void assertRefused(byte[] bytes, String phrase) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(bytes, "bad.safetensors"));
        assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "expected '" + phrase + "' in: " + e.getMessage());
    }

    @Test
    void refusesBadLengths() {
        assertRefused(new byte[5], "too short");
        byte[] huge = file("{}", 0);
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        assertRefused(huge, "exceeds the limit");
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L); // 2^64 - 1 unsigned
        assertRefused(huge, "18446744073709551615");
        byte[] longer = file("{}", 0);
        ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertRefused(longer, "larger than the 2 bytes");
    }

    @Test
    void refusesBadOffsets() {
        String t = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[%d,%d]}}";
        assertRefused(file(String.format(t, 4, 12), 12), "overlap");
        assertRefused(file(String.format(t, 12, 20), 20), "gap");
        assertRefused(file(String.format(t, 8, 12), 12), "needs 8 bytes");
        assertRefused(file(String.format(t, 16, 8), 16), "end before they begin");
        assertRefused(file(String.format(t, 8, 16), 20), "cover 16 bytes of data but the file holds 20");
        assertRefused(file(String.format(t, 8, 16), 12), "cover 16 bytes");
    }

    @Test
    void refusesBadHeaders() {
        assertRefused(file("[1, 2]", 0), "not a JSON object");
        assertRefused(file("{\"a\": ", 0), "not valid JSON");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"a\":{}}", 4), "not valid JSON");
        assertRefused(file("{\"a\":{\"dtype\":\"C64\",\"shape\":[],\"data_offsets\":[0,8]}}", 8), "dtype 'C64'");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "non-negative");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4), "non-negative");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}}", 4), "below 2^63");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}", 4),
                "overflows 64 bits");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,17179869184]}}", 0),
                "more than one Java array");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "lacks data_offsets");
        assertRefused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4), "unknown field 'x'");
        assertRefused(file("{\"__metadata__\":{\"k\":1}}", 0), "not a string");
        assertRefused(file("{} x", 0), "not valid JSON");
        assertRefused(file("{\"a\":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}", 0), "not a JSON object");
        byte[] latin1 = file("{\"\u00e9\":{}}", 0);
        latin1[10] = (byte) 0xe9; // a lone latin-1 byte is not UTF-8
        assertRefused(latin1, "not valid UTF-8");
    }

    @Test
    void refusesReservedOrNullNamesOnSave() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("__metadata__", NdArray.zeros(1));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(dir.resolve("x.safetensors"), m));
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }
}
