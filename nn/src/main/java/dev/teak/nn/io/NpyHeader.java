package dev.teak.nn.io;

import dev.teak.tensor.Shape;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of a {@code .npy} file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}: a Python literal that
 * NumPy reads with {@code ast.literal_eval}. This is a strict parser for exactly the subset
 * NumPy writes (quoted strings, {@code True}/{@code False}, tuples of non-negative integers)
 * with exactly the three keys, so nothing is evaluated and odd input is refused by name.
 */
final class NpyHeader {
    final String descr;
    final boolean fortranOrder;
    final int[] shape;
    final long numel;

    private NpyHeader(String descr, boolean fortranOrder, int[] shape, long numel) {
        this.descr = descr;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.numel = numel;
    }

    /** Parses and validates the dictionary; shape sizes are checked for overflow here. */
    static NpyHeader parse(String text, ByteReader.Failure fail) throws TensorFormatException {
        Map<String, Object> d = new Parser(text, fail).dict();
        if (d.size() != 3 || !d.containsKey("descr") || !d.containsKey("fortran_order") || !d.containsKey("shape")) {
            throw fail.of("header keys must be exactly descr, fortran_order and shape, got " + d.keySet());
        }
        if (!(d.get("descr") instanceof String)) {
            throw fail.of("descr " + show(d.get("descr")) + " is not a simple dtype string (structured dtypes are not supported)");
        }
        if (!(d.get("fortran_order") instanceof Boolean)) throw fail.of("fortran_order must be True or False, got " + show(d.get("fortran_order")));
        if (!(d.get("shape") instanceof long[])) throw fail.of("shape must be a tuple of integers, got " + show(d.get("shape")));
        long[] dims = (long[]) d.get("shape");
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) throw fail.of("dimension " + dims[i] + " in shape is too large");
            shape[i] = (int) dims[i];
            try {
                numel = Math.multiplyExact(numel, dims[i]);
            } catch (ArithmeticException e) {
                throw fail.of("the number of elements of shape " + Shape.str(shape) + " overflows 64 bits");
            }
        }
        if (numel > Shape.MAX_NUMEL) throw fail.of("shape has " + numel + " elements, more than one Java array holds");
        return new NpyHeader((String) d.get("descr"), (Boolean) d.get("fortran_order"), shape, numel);
    }

    /** The element type of a numeric descr such as {@code <f4} or {@code |b1}. */
    WireType type(ByteReader.Failure fail) throws TensorFormatException {
        int size = itemSize(fail);
        WireType t = WireType.fromNpy(descr.charAt(1), size);
        if (t == null) {
            throw fail.of("dtype '" + descr + "' is not supported (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 b1)");
        }
        if (size > 1 && descr.charAt(0) == '|') throw fail.of("dtype '" + descr + "' has no byte order");
        return t;
    }

    /** Byte order of the data; {@code '='} (native) is never written by NumPy and is refused as ambiguous. */
    ByteOrder order(ByteReader.Failure fail) throws TensorFormatException {
        char c = descr.isEmpty() ? '?' : descr.charAt(0);
        if (c == '<' || c == '|') return ByteOrder.LITTLE_ENDIAN;
        if (c == '>') return ByteOrder.BIG_ENDIAN;
        throw fail.of("dtype '" + descr + "' must start with a byte order '<', '>' or '|'");
    }

    /** The digits after the order and kind characters ({@code 4} in {@code <f4}). */
    int itemSize(ByteReader.Failure fail) throws TensorFormatException {
        order(fail);
        if (descr.length() < 3 || descr.length() > 8) throw fail.of("dtype '" + descr + "' is malformed");
        int size = 0;
        for (int i = 2; i < descr.length(); i++) {
            char ch = descr.charAt(i);
            if (ch < '0' || ch > '9') throw fail.of("dtype '" + descr + "' is malformed");
            size = size * 10 + (ch - '0');
        }
        return size;
    }

    private static String show(Object v) {
        if (v instanceof long[]) return java.util.Arrays.toString((long[]) v);
        return String.valueOf(v);
    }

    /** Recursive descent over the literal; values are String, Boolean, long[] (tuple) or Long. */
    private static final class Parser {
        private final String s;
        private final ByteReader.Failure fail;
        private int pos;

        Parser(String s, ByteReader.Failure fail) {
            this.s = s;
            this.fail = fail;
        }

        Map<String, Object> dict() throws TensorFormatException {
            ws();
            expect('{');
            Map<String, Object> out = new LinkedHashMap<>();
            ws();
            while (peek() != '}') {
                String key = string();
                ws();
                expect(':');
                ws();
                Object value = value();
                if (out.put(key, value) != null) throw error("key '" + key + "' appears twice");
                ws();
                if (peek() == ',') { pos++; ws(); } else if (peek() != '}') throw error("expected ',' or '}'");
            }
            pos++;
            ws();
            if (pos != s.length()) throw error("unexpected text after the dictionary");
            return out;
        }

        private Object value() throws TensorFormatException {
            char c = peek();
            if (c == '\'' || c == '"') return string();
            if (s.startsWith("True", pos)) { pos += 4; return Boolean.TRUE; }
            if (s.startsWith("False", pos)) { pos += 5; return Boolean.FALSE; }
            if (c == '(') return tuple();
            if (c >= '0' && c <= '9') return integer();
            if (c == '[') throw error("list values (structured dtypes) are not supported");
            throw error("unsupported value");
        }

        /** {@code ()}, {@code (3,)}, {@code (2, 3)}; Python reads {@code (3)} as an int, so it is refused. */
        private long[] tuple() throws TensorFormatException {
            expect('(');
            List<Long> items = new ArrayList<>();
            boolean trailingComma = false;
            ws();
            while (peek() != ')') {
                items.add(integer());
                ws();
                trailingComma = false;
                if (peek() == ',') { pos++; trailingComma = true; ws(); } else if (peek() != ')') throw error("expected ',' or ')' in a tuple");
            }
            pos++;
            if (items.size() == 1 && !trailingComma) throw error("(" + items.get(0) + ") is an integer, not a tuple");
            long[] out = new long[items.size()];
            for (int i = 0; i < out.length; i++) out[i] = items.get(i);
            return out;
        }

        /** A non-negative decimal integer; Python 2 NumPy wrote a trailing {@code L}. */
        private long integer() throws TensorFormatException {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            if (pos == start) throw error("expected a non-negative integer");
            if (pos - start > 18) throw error("integer " + s.substring(start, pos) + " is too large");
            long v = Long.parseLong(s.substring(start, pos));
            if (pos < s.length() && s.charAt(pos) == 'L') pos++;
            return v;
        }

        /** A quoted string without escapes (no NumPy header needs them). */
        private String string() throws TensorFormatException {
            char q = peek();
            if (q != '\'' && q != '"') throw error("expected a quoted string");
            int end = s.indexOf(q, pos + 1);
            if (end < 0) throw error("unterminated string");
            String v = s.substring(pos + 1, end);
            if (v.indexOf('\\') >= 0) throw error("escape sequences in strings are not supported");
            pos = end + 1;
            return v;
        }

        private void ws() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r')) pos++;
        }

        private char peek() throws TensorFormatException {
            if (pos >= s.length()) throw error("header dictionary ends early");
            return s.charAt(pos);
        }

        private void expect(char c) throws TensorFormatException {
            if (peek() != c) throw error("expected '" + c + "'");
            pos++;
        }

        private TensorFormatException error(String what) {
            String near = s.substring(Math.min(pos, s.length()), Math.min(pos + 20, s.length()));
            return fail.of("bad header dictionary at character " + pos + ": " + what + " (near \"" + near + "\")");
        }
    }
}
