package dev.teak.nn.io;

import dev.teak.nn.io.SafeTensorsHeader.Entry;
import dev.teak.tensor.NdArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes state dicts ({@code name -> array}) in the
 * <a href="https://github.com/huggingface/safetensors">safetensors</a> format, interchangeable
 * with PyTorch's {@code safetensors.torch.save_file}/{@code load_file} and Hugging Face tools.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of
 * UTF-8 JSON; then the data region, each tensor a little-endian row-major span at its
 * {@code data_offsets}. Teak writes F32, F64, I32, I64 and BOOL and also reads F16, BF16 (to
 * float32) and the narrow integer types (widened). Reading is hardened: the header length is
 * capped at {@link #MAX_HEADER_BYTES} and checked against the file length before anything is
 * allocated, every shape is checked for overflow and against its offsets, and the offsets must
 * tile the data exactly; any violation is a {@link SafeTensorsFormatException} naming the file,
 * and nothing is returned. Writing is atomic (see {@link AtomicFile}).
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Largest accepted header, the limit of the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** A loaded file: tensors in the order of their data, and the {@code __metadata__} strings. */
    public record Contents(Map<String, NdArray> tensors, Map<String, String> metadata) {}

    /** Saves a state dict (written in the map's iteration order) without metadata. */
    public static void save(Path file, Map<String, NdArray> tensors) throws IOException {
        save(file, tensors, Map.of());
    }

    /** Saves a state dict and string metadata, replacing {@code file} atomically. */
    public static void save(Path file, Map<String, NdArray> tensors, Map<String, String> metadata) throws IOException {
        List<Entry> entries = plan(tensors, metadata);
        AtomicFile.write(file, out -> write(out, entries, tensors, metadata));
    }

    /** The bytes of a safetensors file holding {@code tensors} and {@code metadata}. */
    public static byte[] toBytes(Map<String, NdArray> tensors, Map<String, String> metadata) throws IOException {
        List<Entry> entries = plan(tensors, metadata);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, entries, tensors, metadata);
        return out.toByteArray();
    }

    /** Loads a file's tensors. */
    public static Map<String, NdArray> load(Path file) throws IOException {
        return read(file).tensors();
    }

    /** Loads a file's tensors and metadata. */
    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, size, file.toString());
        }
    }

    /** Parses a whole file held in memory; {@code sourceName} names it in error messages. */
    public static Contents read(byte[] bytes, String sourceName) throws IOException {
        return read(new ByteArrayInputStream(bytes), bytes.length, sourceName);
    }

    private static Contents read(InputStream in, long size, String source) throws IOException {
        ByteReader r = new ByteReader(in, size, problem -> new SafeTensorsFormatException(source, problem));
        if (size < 8) throw new SafeTensorsFormatException(source, "file is " + size + " bytes, too short for the 8-byte header length");
        long n = ByteBuffer.wrap(r.readBytes(8, "header length")).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // An unsigned length of 2^63 or more reads as negative here: refused with the rest.
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException(source, "header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > r.remaining()) {
            throw new SafeTensorsFormatException(source, "header length " + n + " is larger than the "
                    + r.remaining() + " bytes that follow it");
        }
        byte[] header = r.readBytes((int) n, "header");
        SafeTensorsHeader.Parsed parsed = SafeTensorsHeader.parse(header, r.remaining(), source);
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        for (Entry e : parsed.entries()) {
            tensors.put(e.name(), ElementCodec.read(r, e.type(), ByteOrder.LITTLE_ENDIAN, e.shape()));
        }
        r.requireEnd("the last tensor");
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(parsed.metadata()));
    }

    /** Offsets for each tensor in iteration order; validates names before anything is written. */
    private static List<Entry> plan(Map<String, NdArray> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        List<Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, NdArray> t : tensors.entrySet()) {
            String name = t.getKey();
            NdArray a = t.getValue();
            if (name == null) throw new IllegalArgumentException("SafeTensors.save: a tensor name is null");
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.save: '" + name + "' is reserved for metadata");
            }
            if (a == null) throw new IllegalArgumentException("SafeTensors.save: tensor '" + name + "' is null");
            WireType type = WireType.of(a.dtype());
            long end = offset + (long) a.numel() * type.size;
            entries.add(new Entry(name, type, a.shape(), offset, end));
            offset = end;
        }
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.save: metadata keys and values must not be null");
            }
        }
        return entries;
    }

    private static void write(OutputStream out, List<Entry> entries, Map<String, NdArray> tensors,
                              Map<String, String> metadata) throws IOException {
        byte[] header = SafeTensorsHeader.encode(entries, metadata);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        for (Entry e : entries) ElementCodec.write(tensors.get(e.name()), ByteOrder.LITTLE_ENDIAN, out);
    }
}
