package dev.teak.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * NumPy-style rendering, following {@code numpy.array_repr} with its default print options
 * (line width 75, precision 8, threshold 1000, edge items 3): {@code array([[1., 2.],
 * [3., 4.]], dtype=float32)} with nested brackets, aligned columns, rows wrapped at 75
 * characters, and {@code ...} in place of the middle of any axis longer than six once the
 * array has more than 1000 elements. Unlike NumPy the dtype is always shown, since Teak's
 * default is float32.
 *
 * <p>Floats print positionally with the shortest digits that identify the value (at most 8
 * after the point), aligned on the point; they switch to scientific notation when the largest
 * magnitude reaches 1e8, the smallest non-zero one is below 1e-4, or their ratio exceeds 1000
 * (NumPy's {@code FloatingFormat}). Only the elements shown decide the format.
 */
final class Format {
    private Format() {}

    static final int THRESHOLD = 1000, EDGE = 3, LINE_WIDTH = 75, PRECISION = 8;
    private static final String PREFIX = "array(", SEPARATOR = ", ";

    static String format(NdArray a) {
        NdArray c = a.device().isCpu() ? a : a.to(Device.CPU);
        boolean summarise = c.numel() > THRESHOLD;
        String dtype = "dtype=" + a.dtype().pyName() + (a.device().isCpu() ? "" : ", device=" + a.device()) + ")";
        String body;
        if (c.numel() == 0) {
            body = c.dim() == 1 ? "[]" : "[], shape=" + pyShape(c.shape());
        } else {
            List<NdArray> shown = new ArrayList<>();
            collect(c, summarise, shown);
            Cell cell = cellFormat(c.dtype(), c.dim(), shown);
            // The trailing "," of the repr counts against the width (NumPy's suffix).
            String hanging = " ".repeat(1 + PREFIX.length());
            body = new Rows(cell, summarise).recurse(c, hanging, LINE_WIDTH - 1);
        }
        String repr = PREFIX + body + ",";
        int lastLine = repr.length() - (repr.lastIndexOf('\n') + 1);
        String spacer = lastLine + dtype.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(PREFIX.length()) : " ";
        return repr + spacer + dtype;
    }

    /** {@code (2, 0)} as Python prints a shape tuple. */
    private static String pyShape(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ", ").append(shape[i]);
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The elements that will be shown, in print order. */
    private static void collect(NdArray a, boolean summarise, List<NdArray> out) {
        if (a.dim() == 0) { out.add(a); return; }
        int n = a.size(0);
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) i = n - EDGE;
            collect(a.select(0, i), summarise, out);
        }
    }

    /** Turns one element (a rank-0 view) into its padded text. */
    @FunctionalInterface
    private interface Cell { String of(NdArray element); }

    private static Cell cellFormat(DType dtype, int rank, List<NdArray> shown) {
        switch (dtype) {
            case BOOL: {
                String t = rank > 0 ? " True" : "True"; // " True" lines up with "False"
                return e -> e.getLong() != 0 ? t : "False";
            }
            case INT32: case INT64: {
                int width = 0; // longs, not doubles: int64 values beyond 2^53 print exactly
                for (NdArray e : shown) width = Math.max(width, Long.toString(e.getLong()).length());
                int w = width;
                return e -> pad(Long.toString(e.getLong()), w);
            }
            default: {
                List<Double> values = new ArrayList<>();
                for (NdArray e : shown) values.add(e.getDouble());
                return floats(values, dtype == DType.FLOAT32);
            }
        }
    }

    private static String pad(String s, int width) { return " ".repeat(Math.max(0, width - s.length())) + s; }

    /** NumPy's {@code FloatingFormat.fillFormat} and {@code __call__} for floatmode "maxprec". */
    private static Cell floats(List<Double> shown, boolean f32) {
        FloatCell cell = floatCell(shown, f32);
        return e -> cell.of(e.getDouble());
    }

    @FunctionalInterface
    private interface FloatCell { String of(double v); }

    private static FloatCell floatCell(List<Double> shown, boolean f32) {
        double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
        boolean anyFinite = false, nonFinite = false, negInf = false;
        for (double v : shown) {
            if (!Double.isFinite(v)) { nonFinite = true; negInf |= v == Double.NEGATIVE_INFINITY; continue; }
            anyFinite = true;
            if (v != 0) { maxAbs = Math.max(maxAbs, Math.abs(v)); minAbs = Math.min(minAbs, Math.abs(v)); }
        }
        boolean exp = maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
        int padLeft = 0, padRight = 0, precision = 0, expDigits = 0;
        for (double v : shown) {
            if (!Double.isFinite(v)) continue;
            String[] p = exp ? scientific(v, f32, -1, 0) : positional(v, f32).split("\\.", -1);
            padLeft = Math.max(padLeft, p[0].length());
            if (exp) {
                precision = Math.max(precision, p[1].length());
                expDigits = Math.max(expDigits, p[2].length() - 1); // digits, without the sign
            } else {
                padRight = Math.max(padRight, p[1].length());
            }
        }
        if (exp) padRight = expDigits + 2 + precision; // "e", the exponent's sign, its digits, and the fraction
        if (!anyFinite) { padLeft = 0; padRight = 0; }
        if (nonFinite) padLeft = Math.max(padLeft, (negInf ? 4 : 3) - (padRight + 1)); // room for "nan", "inf", "-inf"
        int left = padLeft, right = padRight, prec = precision, ed = expDigits;
        return v -> {
            if (Double.isNaN(v)) return pad("nan", left + right + 1);
            if (Double.isInfinite(v)) return pad(v > 0 ? "inf" : "-inf", left + right + 1);
            if (exp) {
                String[] p = scientific(v, f32, prec, ed);
                return pad(p[0], left) + "." + p[1] + "e" + p[2];
            }
            String[] p = positional(v, f32).split("\\.", -1);
            return pad(p[0], left) + "." + p[1] + " ".repeat(right - p[1].length());
        };
    }

    /** The shortest decimal that reads back as the same float32 or float64, without its sign. */
    private static BigDecimal shortest(double v, boolean f32) {
        return new BigDecimal(f32 ? Float.toString((float) Math.abs(v)) : Double.toString(Math.abs(v)));
    }

    private static String sign(double v) { return v < 0 || (v == 0 && 1 / v < 0) ? "-" : ""; }

    /** {@code 1.}, {@code -0.25}, {@code 0.33333334}: unique digits, at most 8 after the point. */
    private static String positional(double v, boolean f32) {
        BigDecimal b = shortest(v, f32).stripTrailingZeros();
        if (b.scale() > PRECISION) b = b.setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.scale() < 0) b = b.setScale(0);
        String s = b.toPlainString();
        return sign(v) + (s.contains(".") ? s : s + ".");
    }

    /**
     * Integer part (with sign), fraction digits and signed exponent of {@code 1.997e+03}:
     * unique digits (at most 8 after the point), the fraction padded with zeros to
     * {@code minFraction} and the exponent to {@code expDigits} digits.
     */
    private static String[] scientific(double v, boolean f32, int minFraction, int expDigits) {
        BigDecimal b = shortest(v, f32);
        String digits;
        int exponent;
        if (b.signum() == 0) {
            digits = "0";
            exponent = 0;
        } else {
            b = b.round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            digits = b.unscaledValue().toString();
            exponent = digits.length() - 1 - b.scale();
        }
        StringBuilder frac = new StringBuilder(digits.substring(1));
        while (frac.length() < minFraction) frac.append('0');
        String e = Integer.toString(Math.abs(exponent));
        e = "0".repeat(Math.max(0, Math.max(2, expDigits) - e.length())) + e;
        return new String[] {sign(v) + digits.charAt(0), frac.toString(), (exponent < 0 ? "-" : "+") + e};
    }

    /** NumPy's {@code _formatArray}: nested brackets, rows wrapped at the line width, "..." for summarised axes. */
    private static final class Rows {
        final Cell cell;
        final boolean summarise;

        Rows(Cell cell, boolean summarise) { this.cell = cell; this.summarise = summarise; }

        String recurse(NdArray a, String hanging, int width) {
            if (a.dim() == 0) return cell.of(a);
            String nextHanging = hanging + " "; // align with the "[" just opened
            int nextWidth = width - 1;           // leave room for the "]"
            int n = a.size(0);
            boolean summary = summarise && 2 * EDGE < n;
            int lead = summary ? EDGE : 0, trail = summary ? EDGE : n;
            StringBuilder s = new StringBuilder();
            if (a.dim() == 1) {
                int elemWidth = width - 1; // up to the separator's "," or the closing "]"
                String line = hanging;
                for (int i = 0; i < lead; i++) {
                    line = extend(s, line, recurse(a.select(0, i), nextHanging, nextWidth), elemWidth, hanging) + SEPARATOR;
                }
                if (summary) line = extend(s, line, "...", elemWidth, hanging) + SEPARATOR;
                for (int i = trail; i > 1; i--) {
                    line = extend(s, line, recurse(a.select(0, n - i), nextHanging, nextWidth), elemWidth, hanging) + SEPARATOR;
                }
                line = extend(s, line, recurse(a.select(0, n - 1), nextHanging, nextWidth), elemWidth, hanging);
                s.append(line);
            } else {
                String lineSep = "," + "\n".repeat(a.dim() - 1); // a blank line between blocks of rank >= 3
                for (int i = 0; i < lead; i++) s.append(hanging).append(recurse(a.select(0, i), nextHanging, nextWidth)).append(lineSep);
                if (summary) s.append(hanging).append("...").append(lineSep);
                for (int i = trail; i > 1; i--) s.append(hanging).append(recurse(a.select(0, n - i), nextHanging, nextWidth)).append(lineSep);
                s.append(hanging).append(recurse(a.select(0, n - 1), nextHanging, nextWidth));
            }
            return "[" + s.substring(hanging.length()) + "]";
        }

        /** Appends {@code word} to the line, first starting a new line when it would pass the width (and that helps). */
        private static String extend(StringBuilder s, String line, String word, int width, String nextPrefix) {
            boolean wrap = line.length() + word.length() > width && line.length() > nextPrefix.length();
            if (wrap) {
                s.append(line.stripTrailing()).append('\n');
                line = nextPrefix;
            }
            return line + word;
        }
    }
}
