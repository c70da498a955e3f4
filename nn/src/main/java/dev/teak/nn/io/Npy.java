package dev.teak.nn.io;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), as
 * {@code numpy.save}/{@code numpy.load} do.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, major and minor version bytes, the header length
 * (little-endian uint16 in 1.0, uint32 in 2.0 and 3.0), the header dictionary (latin-1, or
 * UTF-8 in 3.0) padded with spaces and a newline so the data starts 64-byte aligned, then the
 * raw elements. Reading accepts {@code <} and {@code >} byte orders, the five Teak dtypes and
 * the widened ones of {@link WireType}, and Fortran order (returned as a permuted view of the
 * column-major data, no copy). Every length is checked against the file before allocation;
 * failures are {@link NpyFormatException}s naming the file. Writing uses C order, little-endian,
 * version 1.0 (2.0 for huge headers), byte-for-byte what NumPy writes for the same array.
 */
public final class Npy {
    private Npy() {}

    /** Largest accepted header: NumPy's own default limit is 10 000 characters. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Saves one array, replacing {@code file} atomically. */
    public static void save(Path file, NdArray array) throws IOException {
        byte[] prefix = prefix(array);
        AtomicFile.write(file, out -> write(out, array, prefix));
    }

    /** The bytes of a {@code .npy} file holding {@code array}. */
    public static byte[] toBytes(NdArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, array);
        return out.toByteArray();
    }

    /** Loads one array. */
    public static NdArray load(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(reader(in, size, file.toString()));
        }
    }

    /** Parses a whole file held in memory; {@code sourceName} names it in error messages. */
    public static NdArray read(byte[] bytes, String sourceName) throws IOException {
        return read(reader(new ByteArrayInputStream(bytes), bytes.length, sourceName));
    }

    static ByteReader reader(InputStream in, long length, String source) {
        return new ByteReader(in, length, problem -> new NpyFormatException(source, problem));
    }

    /** Reads a whole {@code .npy} from {@code r}, which must hold nothing after the data. */
    static NdArray read(ByteReader r) throws IOException {
        NpyHeader h = readHeader(r);
        WireType type = h.type(r.failure());
        ByteOrder order = h.order(r.failure());
        r.require(h.numel * type.size, "data of shape " + java.util.Arrays.toString(h.shape) + " dtype " + h.descr);
        NdArray a;
        if (h.fortranOrder) {
            // Column-major data is the row-major array of the reversed shape, transposed.
            int rank = h.shape.length;
            int[] reversed = new int[rank], perm = new int[rank];
            for (int i = 0; i < rank; i++) {
                reversed[i] = h.shape[rank - 1 - i];
                perm[i] = rank - 1 - i;
            }
            a = ElementCodec.read(r, type, order, reversed).permute(perm);
        } else {
            a = ElementCodec.read(r, type, order, h.shape);
        }
        r.requireEnd("the array data");
        return a;
    }

    /** Magic, version, header length and the dictionary; checks lengths before reading them. */
    static NpyHeader readHeader(ByteReader r) throws IOException {
        ByteReader.Failure fail = r.failure();
        if (r.remaining() < 10) throw fail.of("file is " + r.remaining() + " bytes, too short for a .npy header");
        byte[] start = r.readBytes(8, "magic");
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) throw fail.of("not a .npy file (bad magic string)");
        }
        int major = start[6] & 0xff, minor = start[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) throw fail.of("unsupported .npy format version " + major + "." + minor);
        byte[] len = r.readBytes(major == 1 ? 2 : 4, "header length");
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        long hlen = major == 1 ? lb.getShort() & 0xffff : lb.getInt() & 0xffffffffL;
        if (hlen > MAX_HEADER_BYTES) throw fail.of("header length " + hlen + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        r.require(hlen, "header");
        byte[] raw = r.readBytes((int) hlen, "header");
        String text;
        if (major == 3) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                throw fail.of("version 3.0 header is not valid UTF-8");
            }
        } else {
            text = new String(raw, StandardCharsets.ISO_8859_1);
        }
        return NpyHeader.parse(text, fail);
    }

    static void write(OutputStream out, NdArray array) throws IOException {
        write(out, array, prefix(array));
    }

    private static void write(OutputStream out, NdArray array, byte[] prefix) throws IOException {
        out.write(prefix);
        ElementCodec.write(array, ByteOrder.LITTLE_ENDIAN, out);
    }

    /**
     * Magic, version, length and the padded header exactly as NumPy 1.x writes them: keys
     * sorted, a trailing {@code ", }"}, then spaces and a newline up to a multiple of 64 bytes
     * counted from the file start (NumPy adds a full 64 when already aligned:
     * {@code pad = 64 - (prefix + len + 1) % 64}). Version 2.0 only when 1.0's 16-bit length
     * cannot hold the header.
     */
    static byte[] prefix(NdArray array) {
        return prefix(descr(array.dtype()), array.shape());
    }

    /** The prefix for raw data of any NumPy dtype string (e.g. {@code |S3} for SciPy's format entry). */
    static byte[] prefix(String descr, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
        sb.append(shape.length == 1 ? ",), }" : "), }");
        String dict = sb.toString();
        for (int major = 1; ; major = 2) {
            int lenBytes = major == 1 ? 2 : 4;
            int pad = 64 - (MAGIC.length + 2 + lenBytes + dict.length() + 1) % 64;
            byte[] h = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
            if (major == 1 && h.length > 0xffff) continue;
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + lenBytes + h.length).order(ByteOrder.LITTLE_ENDIAN);
            out.put(MAGIC).put((byte) major).put((byte) 0);
            if (major == 1) out.putShort((short) h.length); else out.putInt(h.length);
            return out.put(h).array();
        }
    }

    /** NumPy's dtype string for a Teak dtype, little-endian. */
    static String descr(DType dtype) {
        switch (dtype) {
            case BOOL: return "|b1";
            case INT32: return "<i4";
            case INT64: return "<i8";
            case FLOAT32: return "<f4";
            case FLOAT64: return "<f8";
            default: throw new AssertionError(dtype);
        }
    }
}
