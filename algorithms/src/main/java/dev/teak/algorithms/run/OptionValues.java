package dev.teak.algorithms.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked values of a method's options for one run, by option name, in declaration order.
 * Typed getters fail clearly when a method asks for an option it did not declare or with the
 * wrong type, which is a bug in the method rather than bad user input.
 */
public final class OptionValues {
    private final Map<String, Object> values;

    public OptionValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every value by name (unmodifiable); what config.json records. */
    public Map<String, Object> asMap() { return values; }

    public boolean has(String name) { return values.containsKey(name) && values.get(name) != null; }

    public int getInt(String name) { return get(name, Integer.class); }

    public long getLong(String name) { return get(name, Long.class); }

    public double getDouble(String name) { return get(name, Double.class); }

    public String getString(String name) { return get(name, String.class); }

    public boolean getFlag(String name) { return get(name, Boolean.class); }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) { return get(name, List.class); }

    private <T> T get(String name, Class<T> type) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("option --" + name + " was not declared; declared: " + values.keySet());
        }
        Object v = values.get(name);
        if (v == null) throw new IllegalStateException("option --" + name + " has no value (no default and not given)");
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("option --" + name + " holds a " + v.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override public String toString() { return values.toString(); }
}
