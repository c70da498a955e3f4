package dev.teak.nn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.teak.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: parsed strictly and validated against the length of
 * the data that follows it, or encoded for writing. The rules are those of the reference Rust
 * implementation: UTF-8, one object of {@code name -> {dtype, shape, data_offsets}} plus an
 * optional {@code __metadata__} object of strings; the offsets, sorted, tile the data region
 * exactly (no gap, no overlap, nothing left over) and each span is {@code numel * itemsize}.
 */
final class SafeTensorsHeader {
    private SafeTensorsHeader() {}

    static final String METADATA_KEY = "__metadata__";

    /** One tensor's entry; offsets are relative to the start of the data region. */
    record Entry(String name, WireType type, int[] shape, long begin, long end) {}

    /** The parsed header: entries sorted by offset, and the free-form metadata. */
    record Parsed(List<Entry> entries, Map<String, String> metadata) {}

    // Our structure is three levels deep; anything deeper is refused by the parser itself.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(40).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static Parsed parse(byte[] header, long dataLength, String source) throws SafeTensorsFormatException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(source, "header is not valid UTF-8", e);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw fail(source, "header is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT) throw fail(source, "entry '" + name + "' is not a JSON object");
                if (name.equals(METADATA_KEY)) readMetadata(p, metadata, source);
                else entries.add(readEntry(p, name, source));
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw fail(source, "header object is malformed");
            if (p.nextToken() != null) throw fail(source, "header has content after its JSON object");
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Jackson reports syntax errors, duplicate keys and limit breaches as exceptions of its own.
            throw new SafeTensorsFormatException(source, "header is not valid JSON: " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expect = 0;
        for (Entry e : entries) {
            if (e.begin != expect) {
                throw fail(source, "tensor '" + e.name + "' data_offsets [" + e.begin + ", " + e.end + "] "
                        + (e.begin < expect ? "overlap the previous tensor, which ends at " : "leave a gap after offset ") + expect);
            }
            expect = e.end;
        }
        if (expect != dataLength) {
            throw fail(source, "tensors cover " + expect + " bytes of data but the file holds " + dataLength
                    + " bytes after the header");
        }
        return new Parsed(entries, metadata);
    }

    private static void readMetadata(JsonParser p, Map<String, String> metadata, String source) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) throw fail(source, "__metadata__ value of '" + key + "' is not a string");
            metadata.put(key, p.getText());
        }
    }

    private static Entry readEntry(JsonParser p, String name, String source) throws IOException {
        String dtype = null;
        long[] shape = null, offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "dtype":
                    if (t != JsonToken.VALUE_STRING) throw fail(source, "tensor '" + name + "': dtype is not a string");
                    dtype = p.getText();
                    break;
                case "shape": shape = readInts(p, name, field, source); break;
                case "data_offsets": offsets = readInts(p, name, field, source); break;
                default: throw fail(source, "tensor '" + name + "' has an unknown field '" + field + "'");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw fail(source, "tensor '" + name + "' lacks " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        WireType type = WireType.fromSafetensors(dtype);
        if (type == null) {
            throw fail(source, "tensor '" + name + "' has dtype '" + dtype + "'; supported: " + WireType.safetensorsNames());
        }
        if (offsets.length != 2) throw fail(source, "tensor '" + name + "': data_offsets must hold 2 numbers, got " + offsets.length);
        if (offsets[1] < offsets[0]) {
            throw fail(source, "tensor '" + name + "': data_offsets [" + offsets[0] + ", " + offsets[1] + "] end before they begin");
        }
        int[] dims = new int[shape.length];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) throw fail(source, "tensor '" + name + "': dimension " + shape[i] + " is too large");
            dims[i] = (int) shape[i];
            numel = multiply(numel, shape[i], source, name);
        }
        long bytes = multiply(numel, type.size, source, name);
        if (bytes != offsets[1] - offsets[0]) {
            throw fail(source, "tensor '" + name + "' of " + dtype + Arrays.toString(dims) + " needs " + bytes
                    + " bytes but data_offsets [" + offsets[0] + ", " + offsets[1] + "] span " + (offsets[1] - offsets[0]));
        }
        if (numel > Shape.MAX_NUMEL) {
            throw fail(source, "tensor '" + name + "' has " + numel + " elements, more than one Java array holds (" + Shape.MAX_NUMEL + ")");
        }
        return new Entry(name, type, dims, offsets[0], offsets[1]);
    }

    private static long multiply(long a, long b, String source, String name) throws SafeTensorsFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(source, "tensor '" + name + "': the size of its shape overflows 64 bits");
        }
    }

    /** A JSON array of non-negative integers that fit a signed 64-bit long. */
    private static long[] readInts(JsonParser p, String name, String field, String source) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw fail(source, "tensor '" + name + "': " + field + " is not an array");
        long[] out = new long[4];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw fail(source, "tensor '" + name + "': " + field + " must hold non-negative integers below 2^63, got '" + p.getText() + "'");
            }
            if (n == out.length) out = Arrays.copyOf(out, 2 * n);
            out[n++] = p.getLongValue();
        }
        return Arrays.copyOf(out, n);
    }

    private static SafeTensorsFormatException fail(String source, String problem) {
        return new SafeTensorsFormatException(source, problem);
    }

    /** The header bytes for entries in the given order, space-padded to a multiple of 8 bytes. */
    static byte[] encode(List<Entry> entries, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> m : metadata.entrySet()) g.writeStringField(m.getKey(), m.getValue());
                g.writeEndObject();
            }
            for (Entry e : entries) {
                g.writeObjectFieldStart(e.name);
                g.writeStringField("dtype", e.type.safetensorsName);
                g.writeArrayFieldStart("shape");
                for (int d : e.shape) g.writeNumber(d);
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(e.begin);
                g.writeNumber(e.end);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        // Padding keeps the data region 8-byte aligned for readers that map the file.
        while (buf.size() % 8 != 0) buf.write(' ');
        return buf.toByteArray();
    }
}
