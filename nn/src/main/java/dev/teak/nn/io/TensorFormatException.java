package dev.teak.nn.io;

import java.io.IOException;

/**
 * A tensor file (safetensors, {@code .npy}, {@code .npz}) that is malformed, truncated or
 * asks for something Teak cannot hold. The message names the file and what is wrong; the
 * reader has allocated nothing beyond what the file's own length justifies and returns no
 * partial result.
 */
public class TensorFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public TensorFormatException(String source, String problem) {
        this(source, problem, null);
    }

    public TensorFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file (or the name given for an in-memory buffer) that failed. */
    public String source() { return source; }

    /** What is wrong, without the file name. */
    public String problem() { return problem; }
}
