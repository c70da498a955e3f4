package dev.teak.tensor;

import java.util.Locale;

/**
 * Where an array lives: {@code cpu} or an OpenCL device by index, written as PyTorch writes
 * devices ({@code "cpu"}, {@code "opencl:0"}).
 */
public record Device(String type, int index) {
    public static final Device CPU = new Device("cpu", 0);

    public Device {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("device type is empty");
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    public static Device opencl(int index) { return new Device("opencl", index); }

    /** Parses {@code cpu}, {@code opencl}, {@code opencl:1}. */
    public static Device parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) return s.equals("cpu") ? CPU : new Device(s, 0);
        try {
            return new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad device '" + spec + "': expected cpu or opencl[:index]");
        }
    }

    public boolean isCpu() { return type.equals("cpu"); }

    @Override public String toString() { return isCpu() ? "cpu" : type + ":" + index; }
}
