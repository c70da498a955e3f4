package dev.teak.nn.io;

/** A safetensors file that breaks the format: bad header length, JSON, dtype, shape or offsets. */
public final class SafeTensorsFormatException extends TensorFormatException {
    private static final long serialVersionUID = 1L;

    public SafeTensorsFormatException(String source, String problem) { super(source, problem); }

    public SafeTensorsFormatException(String source, String problem, Throwable cause) { super(source, problem, cause); }
}
