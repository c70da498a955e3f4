package dev.teak.nn.io;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.NdArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based fuzzing of the safetensors and {@code .npy} readers: random bytes, random
 * bytes behind a valid prefix, and mutated valid files. Every input must end in a loaded
 * result or the format's documented exception; any other exception or error (an
 * {@link OutOfMemoryError} included) fails the property and QuickTheories prints its seed.
 */
class TensorFileFuzzTest {
    @FunctionalInterface
    interface Reader {
        Map<String, NdArray> read(byte[] b) throws IOException;
    }

    private static final Reader SAFETENSORS = b -> SafeTensors.read(b, "fuzz.safetensors").tensors();
    private static final Reader NPY = b -> Map.of("x", Npy.read(b, "fuzz.npy"));

    /** Runs the reader; a result is touched element by element so lazy damage would show. */
    static void cleanOrDocumented(Reader reader, byte[] input, Class<? extends TensorFormatException> documented) {
        cleanOrDocumented(reader, input, documented, "fuzz.");
    }

    /** As above; the exception message must start with {@code source}, the file's name. */
    static void cleanOrDocumented(Reader reader, byte[] input, Class<? extends TensorFormatException> documented, String source) {
        try {
            for (NdArray a : reader.read(input).values()) {
                if (a.toDoubleArray().length != a.numel()) throw new AssertionError("element count disagrees with shape");
            }
        } catch (Throwable t) {
            if (!documented.isInstance(t)) {
                throw new AssertionError("input of " + input.length + " bytes raised " + t + " instead of "
                        + documented.getSimpleName(), t);
            }
            if (!((TensorFormatException) t).getMessage().startsWith(source)) throw new AssertionError("message lacks the file name: " + t);
        }
    }

    private static Gen<byte[]> randomBytes(int max) {
        return Generate.byteArrays(integers().between(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static byte[] validSafetensors() throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>(SafeTensorsTest.sample());
        m.remove("w_t");
        return SafeTensors.toBytes(m, Map.of("k", "v"));
    }

    @Test
    void safetensorsRandomBytes() {
        qt().withExamples(300).forAll(randomBytes(256)).checkAssert(b -> cleanOrDocumented(SAFETENSORS, b, SafeTensorsFormatException.class));
    }

    @Test
    void safetensorsRandomBodyBehindAPlausibleLength() {
        qt().withExamples(300).forAll(randomBytes(200), integers().between(0, 210)).checkAssert((body, len) -> {
            byte[] b = new byte[8 + body.length];
            b[0] = (byte) (int) len;
            b[1] = (byte) (len >> 8);
            System.arraycopy(body, 0, b, 8, body.length);
            if (body.length > 0) b[8] = '{';
            cleanOrDocumented(SAFETENSORS, b, SafeTensorsFormatException.class);
        });
    }

    @Test
    void safetensorsMutatedFiles() throws IOException {
        byte[] valid = validSafetensors();
        Mutator m = new Mutator(0, 8, 8);
        qt().withExamples(300).forAll(integers().between(0, Mutator.KINDS - 1), integers().all(), longs().all())
                .checkAssert((kind, pos, value) -> cleanOrDocumented(SAFETENSORS, m.apply(valid, kind, pos, value), SafeTensorsFormatException.class));
    }

    @Test
    void npyRandomBytes() {
        qt().withExamples(300).forAll(randomBytes(256)).checkAssert(b -> cleanOrDocumented(NPY, b, NpyFormatException.class));
    }

    @Test
    void npyRandomHeaderBehindValidMagic() {
        String alphabet = "{}()[],:' \"<>|=0123456789fiub TrueFalsedescrfortran_ordershape\nL-";
        qt().withExamples(300).forAll(integers().between(0, 120), longs().all(), integers().between(0, 64)).checkAssert((n, seed, data) -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            cleanOrDocumented(NPY, NpyTest.npy(sb.toString(), data), NpyFormatException.class);
        });
    }

    @Test
    void npyMutatedFiles() throws IOException {
        byte[][] valids = {
            Npy.toBytes(NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)),
            NpyTest.npy("{'descr': '>i8', 'fortran_order': True, 'shape': (2, 3, 1), }\n", 48),
            NpyTest.npy("{'descr': '|b1', 'fortran_order': False, 'shape': (), }\n", 1),
        };
        Mutator m = new Mutator(8, 2, 10);
        qt().withExamples(300).forAll(integers().between(0, 2), integers().between(0, Mutator.KINDS - 1), integers().all(), longs().all())
                .checkAssert((which, kind, pos, value) ->
                        cleanOrDocumented(NPY, m.apply(valids[which], kind, pos, value), NpyFormatException.class));
    }

    @Test
    void mutatedHeadersAreAlsoCleanThroughTheVersion3Path() {
        // A 3.0 header is UTF-8: invalid sequences must be refused, not mis-decoded.
        byte[] b = NpyTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", 4);
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 0);
        byte[] v3 = new byte[b.length + 2];
        System.arraycopy(b, 0, v3, 0, 8);
        v3[6] = 3;
        byte[] h = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n".getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer.wrap(v3).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(8, h.length);
        System.arraycopy(h, 0, v3, 12, h.length);
        qt().withExamples(200).forAll(integers().between(12, 12 + h.length - 1), integers().between(0x80, 0xff))
                .checkAssert((pos, val) -> {
                    byte[] c = v3.clone();
                    c[pos] = (byte) (int) val;
                    cleanOrDocumented(NPY, c, NpyFormatException.class);
                });
    }
}
