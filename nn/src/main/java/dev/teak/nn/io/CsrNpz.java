package dev.teak.nn.io;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.sparse.CsrMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SciPy's sparse-matrix {@code .npz} files ({@code scipy.sparse.save_npz}/{@code load_npz})
 * for CSR matrices: members {@code indices}, {@code indptr}, {@code format} (the byte string
 * {@code b'csr'}), {@code shape} and {@code data}. Integer or bool data is read as float64
 * (a {@link CsrMatrix} holds float values); other formats (csc, coo, ...) are refused by name.
 */
public final class CsrNpz {
    private CsrNpz() {}

    /** Loads a CSR matrix written by {@code scipy.sparse.save_npz}. */
    public static CsrMatrix load(Path file) throws IOException {
        String source = file.toString();
        Map<String, NdArray> arrays = new HashMap<>();
        String[] format = {null};
        Npz.readMembers(file, (key, in) -> {
            switch (key) {
                case "format": format[0] = readByteString(in); break;
                case "indices": case "indptr": case "shape": case "data": arrays.put(key, Npy.read(in)); break;
                case "_is_array": Npy.read(in); break; // SciPy >= 1.11 marks sparse arrays; the matrix is the same
                default: throw new NpyFormatException(source, "unexpected member '" + key + "' in a SciPy sparse .npz");
            }
        });
        for (String k : new String[] {"format", "indices", "indptr", "shape", "data"}) {
            if (k.equals("format") ? format[0] == null : !arrays.containsKey(k)) {
                throw new NpyFormatException(source, "member '" + k + ".npy' is missing; not a SciPy sparse .npz");
            }
        }
        if (!format[0].equals("csr")) {
            throw new NpyFormatException(source, "sparse format '" + format[0] + "' is not supported; save the matrix with .tocsr()");
        }
        long[] shape = integers(arrays.get("shape"), "shape", source);
        if (shape.length != 2 || shape[0] < 0 || shape[1] < 0 || shape[0] >= Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
            throw new NpyFormatException(source, "shape must hold two sizes below 2^31, got " + java.util.Arrays.toString(shape));
        }
        int[] indptr = toInts(integers(arrays.get("indptr"), "indptr", source), "indptr", source);
        int[] indices = toInts(integers(arrays.get("indices"), "indices", source), "indices", source);
        NdArray data = arrays.get("data");
        if (data.dim() != 1) throw new NpyFormatException(source, "data must be 1-D, got shape " + java.util.Arrays.toString(data.shape()));
        if (!data.dtype().isFloating()) data = data.to(DType.FLOAT64);
        try {
            return new CsrMatrix((int) shape[0], (int) shape[1], indptr, indices, data);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new NpyFormatException(source, "inconsistent CSR structure: " + e.getMessage(), e);
        }
    }

    /** Saves a CSR matrix as {@code scipy.sparse.save_npz} does (deflated, int32 indices). */
    public static void save(Path file, CsrMatrix m) throws IOException {
        Map<String, AtomicFile.Content> members = new LinkedHashMap<>();
        members.put("indices", npy(NdArray.of(m.colIdx().clone())));
        members.put("indptr", npy(NdArray.of(m.rowPtr().clone())));
        byte[] formatPrefix = Npy.prefix("|S3", new int[0]);
        members.put("format", out -> {
            out.write(formatPrefix);
            out.write("csr".getBytes(StandardCharsets.US_ASCII));
        });
        members.put("shape", npy(NdArray.of(new long[] {m.rows(), m.cols()})));
        members.put("data", npy(m.values()));
        Npz.writeMembers(file, members, true);
    }

    private static AtomicFile.Content npy(NdArray a) {
        byte[] prefix = Npy.prefix(a);
        return (OutputStream out) -> {
            out.write(prefix);
            ElementCodec.write(a, ByteOrder.LITTLE_ENDIAN, out);
        };
    }

    /** A 0-d (or one-element) byte string {@code |S<n>} or unicode {@code <U<n>} array, as text. */
    private static String readByteString(ByteReader in) throws IOException {
        NpyHeader h = Npy.readHeader(in);
        ByteReader.Failure fail = in.failure();
        char kind = h.descr.length() >= 2 ? h.descr.charAt(1) : '?';
        if ((kind != 'S' && kind != 'U') || h.numel != 1) {
            throw fail.of("format must be a single string, got dtype '" + h.descr + "' of " + h.numel + " elements");
        }
        int size = h.itemSize(fail);
        int bytes = kind == 'S' ? size : 4 * size;
        byte[] raw = in.readBytes(bytes, "format string");
        in.requireEnd("the format string");
        String s = kind == 'S' ? new String(raw, StandardCharsets.ISO_8859_1)
                : new String(raw, h.order(fail) == ByteOrder.BIG_ENDIAN ? java.nio.charset.Charset.forName("UTF-32BE")
                        : java.nio.charset.Charset.forName("UTF-32LE"));
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') end--; // NumPy pads fixed-width strings with NULs
        return s.substring(0, end);
    }

    private static long[] integers(NdArray a, String name, String source) throws NpyFormatException {
        if (!a.dtype().isIntegral() || a.dim() != 1) {
            throw new NpyFormatException(source, name + " must be a 1-D integer array, got " + a.dtype().pyName()
                    + java.util.Arrays.toString(a.shape()));
        }
        return a.toLongArray();
    }

    private static int[] toInts(long[] v, String name, String source) throws NpyFormatException {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                throw new NpyFormatException(source, name + "[" + i + "] = " + v[i] + " does not fit an int");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
