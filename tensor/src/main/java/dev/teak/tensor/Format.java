package dev.teak.tensor;

import java.util.Locale;

/**
 * NumPy-style rendering: {@code array([[1., 2.], [3., 4.]], dtype=float32)} with nested
 * brackets, aligned columns, and {@code ...} in place of the middle of any axis longer than
 * six once the array has more than 1000 elements (NumPy's {@code threshold} and {@code edgeitems}).
 */
final class Format {
    private Format() {}

    static final int THRESHOLD = 1000, EDGE = 3;

    static String format(NdArray a) {
        NdArray c = a.device().isCpu() ? a : a.to(Device.CPU);
        boolean summarise = c.numel() > THRESHOLD;
        String[] cells = cells(c, summarise);
        int width = 0;
        for (String s : cells) width = Math.max(width, s.length());
        StringBuilder sb = new StringBuilder("array(");
        int[] pos = {0};
        render(sb, c.shape(), 0, cells, pos, width, summarise, "array(".length());
        sb.append(", dtype=").append(a.dtype().pyName());
        if (!a.device().isCpu()) sb.append(", device=").append(a.device());
        return sb.append(')').toString();
    }

    /** The elements that will be shown, in print order. */
    private static String[] cells(NdArray a, boolean summarise) {
        java.util.List<String> out = new java.util.ArrayList<>();
        collect(a, summarise, out);
        boolean floating = a.dtype().isFloating();
        boolean integral = true;
        if (floating) for (String s : out) if (s.contains(".") && !s.endsWith(".0")) integral = false;
        String[] res = out.toArray(new String[0]);
        for (int i = 0; i < res.length; i++) {
            if (floating && integral && res[i].endsWith(".0")) res[i] = res[i].substring(0, res[i].length() - 1);
        }
        return res;
    }

    private static void collect(NdArray a, boolean summarise, java.util.List<String> out) {
        if (a.dim() == 0) { out.add(cell(a)); return; }
        int n = a.size(0);
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) i = n - EDGE;
            collect(a.select(0, i), summarise, out);
        }
    }

    private static String cell(NdArray scalar) {
        switch (scalar.dtype()) {
            case BOOL: return scalar.getLong() != 0 ? "True" : "False";
            case INT32: case INT64: return Long.toString(scalar.getLong());
            default: {
                double v = scalar.getDouble();
                if (Double.isNaN(v)) return "nan";
                if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
                if (v == Math.rint(v) && Math.abs(v) < 1e16) return String.format(Locale.ROOT, "%.1f", v);
                double av = Math.abs(v);
                if (av >= 1e-4 && av < 1e8) {
                    String s = String.format(Locale.ROOT, "%.8f", v).replaceAll("0+$", "");
                    return s.endsWith(".") ? s + "0" : s;
                }
                return String.format(Locale.ROOT, "%.8e", v).replaceAll("0+e", "e").replace(".e", "e");
            }
        }
    }

    private static void render(StringBuilder sb, int[] shape, int d, String[] cells, int[] pos, int width, boolean summarise, int indent) {
        if (d == shape.length) {
            String s = cells[pos[0]++];
            sb.append(" ".repeat(width - s.length())).append(s);
            return;
        }
        sb.append('[');
        int n = shape[d];
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append(d == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + d + 1));
                i = n - EDGE;
            }
            render(sb, shape, d + 1, cells, pos, width, summarise, indent);
            if (i < n - 1) {
                if (d == shape.length - 1) sb.append(", ");
                else sb.append(",").append("\n".repeat(shape.length - d - 1)).append(" ".repeat(indent + d + 1));
            }
        }
        sb.append(']');
    }
}
