package dev.teak.algorithms.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One option a {@link Method} declares: its name (used as {@code --name}), type, default,
 * allowed range or choices, and a one-line description. The CLI builds its parser, its
 * {@code --help} text and its checks from these, so a method never parses strings itself.
 *
 * <p>Specs are immutable; {@link #range}, {@link #matters} and {@link #argName} return
 * modified copies: {@code OptionSpec.integer("steps", 200, "gradient steps").range(1, 1e6)}.
 */
public final class OptionSpec {
    /** The value types an option can have. */
    public enum Type {
        INT, LONG, DOUBLE, STRING, CHOICE, FLAG, INT_LIST;
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final String description;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final boolean matters;
    private final String argName;

    private OptionSpec(String name, Type type, Object defaultValue, String description, double min, double max,
                       List<String> choices, boolean matters, String argName) {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must be lower-case letters, digits and '-', got '" + name + "'");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.matters = matters;
        this.argName = argName;
        if (defaultValue != null && type != Type.FLAG) check(defaultValue, "default of --" + name);
    }

    private static OptionSpec of(String name, Type type, Object def, String description, String argName) {
        return new OptionSpec(name, type, def, description, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                List.of(), true, argName);
    }

    /** A 32-bit integer option. */
    public static OptionSpec integer(String name, int defaultValue, String description) {
        return of(name, Type.INT, defaultValue, description, "N");
    }

    /** A 64-bit integer option (seeds, sample counts). */
    public static OptionSpec longInteger(String name, long defaultValue, String description) {
        return of(name, Type.LONG, defaultValue, description, "N");
    }

    /** A floating-point option. */
    public static OptionSpec real(String name, double defaultValue, String description) {
        return of(name, Type.DOUBLE, defaultValue, description, "X");
    }

    /** A free string; {@code defaultValue} may be null (then the option is absent unless given). */
    public static OptionSpec text(String name, String defaultValue, String description) {
        return of(name, Type.STRING, defaultValue, description, "TEXT");
    }

    /** One of a fixed set of words, compared case-sensitively. */
    public static OptionSpec choice(String name, String defaultValue, List<String> choices, String description) {
        if (choices.isEmpty()) throw new IllegalArgumentException("choice --" + name + " needs at least one choice");
        return new OptionSpec(name, Type.CHOICE, null, description, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                choices, true, "WORD").withDefault(defaultValue);
    }

    /** A switch: false unless given. */
    public static OptionSpec flag(String name, String description) {
        return of(name, Type.FLAG, Boolean.FALSE, description, null);
    }

    /** A comma-separated list of integers, such as {@code --subviews 1,2,4,8}. */
    public static OptionSpec intList(String name, List<Integer> defaultValue, String description) {
        return of(name, Type.INT_LIST, List.copyOf(defaultValue), description, "N,N,...");
    }

    private OptionSpec withDefault(Object def) {
        return new OptionSpec(name, type, def, description, min, max, choices, matters, argName);
    }

    /** Inclusive bounds for a number (each element of a list). */
    public OptionSpec range(double min, double max) {
        if (type != Type.INT && type != Type.LONG && type != Type.DOUBLE && type != Type.INT_LIST) {
            throw new IllegalArgumentException("--" + name + ": a range applies to numbers, not " + type);
        }
        if (!(min <= max)) throw new IllegalArgumentException("--" + name + ": empty range [" + min + ", " + max + "]");
        return new OptionSpec(name, type, defaultValue, description, min, max, choices, matters, argName);
    }

    /**
     * Whether a different value changes the result. {@code --resume} refuses to continue a run
     * with a different value of an option that matters; others (logging intervals, say) may change.
     */
    public OptionSpec matters(boolean matters) {
        return new OptionSpec(name, type, defaultValue, description, min, max, choices, matters, argName);
    }

    /** The placeholder shown in {@code --help}, e.g. {@code DIR}. */
    public OptionSpec argName(String argName) {
        return new OptionSpec(name, type, defaultValue, description, min, max, choices, matters, argName);
    }

    public String name() { return name; }
    public Type type() { return type; }
    /** The default value (Integer, Long, Double, String, Boolean or List of Integer), or null. */
    public Object defaultValue() { return defaultValue; }
    public String description() { return description; }
    public double min() { return min; }
    public double max() { return max; }
    public List<String> choices() { return choices; }
    public boolean matters() { return matters; }
    public String argName() { return argName; }
    public boolean takesValue() { return type != Type.FLAG; }

    /**
     * Converts the text given on the command line to this option's value type and checks it.
     *
     * @throws IllegalArgumentException naming the option and the offending text
     */
    public Object parse(String text) {
        String s = text.trim();
        Object v;
        try {
            v = switch (type) {
                case INT -> Integer.parseInt(s);
                case LONG -> Long.parseLong(s);
                case DOUBLE -> parseDouble(s);
                case STRING, CHOICE -> text;
                case FLAG -> Boolean.TRUE;
                case INT_LIST -> parseIntList(s);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + text + "' is not " + typeWords());
        }
        check(v, "--" + name);
        return v;
    }

    private static double parseDouble(String s) {
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) throw new NumberFormatException(s);
        return d;
    }

    private static List<Integer> parseIntList(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",", -1)) out.add(Integer.parseInt(part.trim()));
        return List.copyOf(out);
    }

    /**
     * Converts a value read back from JSON (where 3 may come back as Integer or Long and a list as
     * a List of Number) to this option's type, so it compares equal to a parsed value.
     */
    public Object fromJson(Object json) {
        if (json == null) return null;
        Object v = switch (type) {
            case INT -> ((Number) json).intValue();
            case LONG -> ((Number) json).longValue();
            case DOUBLE -> ((Number) json).doubleValue();
            case STRING, CHOICE -> json.toString();
            case FLAG -> (Boolean) json;
            case INT_LIST -> ((List<?>) json).stream().map(o -> ((Number) o).intValue()).toList();
        };
        return v;
    }

    private void check(Object v, String what) {
        switch (type) {
            case INT, LONG, DOUBLE -> checkNumber(((Number) v).doubleValue(), v, what);
            case INT_LIST -> {
                List<?> list = (List<?>) v;
                if (list.isEmpty()) throw new IllegalArgumentException(what + ": the list is empty");
                for (Object o : list) checkNumber(((Number) o).doubleValue(), o, what);
            }
            case CHOICE -> {
                if (!choices.contains(v)) {
                    throw new IllegalArgumentException(what + ": '" + v + "' is not one of " + String.join(", ", choices));
                }
            }
            default -> { }
        }
    }

    private void checkNumber(double d, Object shown, String what) {
        if (d < min || d > max) {
            throw new IllegalArgumentException(what + ": " + shown + " is outside " + rangeText());
        }
    }

    /** e.g. {@code [1, 1000]}, {@code >= 0}, or empty when unbounded. */
    public String rangeText() {
        boolean lo = min != Double.NEGATIVE_INFINITY, hi = max != Double.POSITIVE_INFINITY;
        if (lo && hi) return "[" + num(min) + ", " + num(max) + "]";
        if (lo) return ">= " + num(min);
        if (hi) return "<= " + num(max);
        return "";
    }

    private String typeWords() {
        return switch (type) {
            case INT -> "an integer";
            case LONG -> "a 64-bit integer";
            case DOUBLE -> "a finite number";
            case INT_LIST -> "a comma-separated list of integers";
            default -> "valid";
        };
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A value as the user would type it: {@code 1,2,4}, {@code 0.1}, {@code mlp}. */
    public static String show(Object value) {
        if (value == null) return "unset";
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) sb.append(sb.length() == 0 ? "" : ",").append(o);
            return sb.toString();
        }
        if (value instanceof Double d) return String.format(Locale.ROOT, "%s", d);
        return value.toString();
    }
}
