package dev.teak.algorithms.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON conventions of run folders: one shared Jackson mapper, objects read back as ordered
 * maps, and whole files replaced atomically (write a temporary file beside the target, then
 * rename it over), so a reader or a crash never sees half a file.
 *
 * <p>Non-finite doubles are written as the strings {@code "NaN"}, {@code "Infinity"} (Jackson's
 * default), which keeps every line valid JSON when a loss diverges.
 */
public final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** One line of compact JSON (no newline). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses one JSON object. */
    public static Map<String, Object> parseObject(String text) throws IOException {
        Map<String, Object> m = MAPPER.readValue(text, MAP);
        if (m == null) throw new IOException("not a JSON object: " + text);
        return m;
    }

    /** Reads a file holding one JSON object, naming the file when it is not valid JSON. */
    public static Map<String, Object> read(Path file) throws IOException {
        try {
            return parseObject(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code value} as indented JSON, replacing {@code file} atomically. */
    public static void writeAtomic(Path file, Object value) throws IOException {
        byte[] bytes;
        try {
            bytes = (PRETTY.writeValueAsString(value) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + file.getFileName() + " as JSON: " + e.getOriginalMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
