package dev.teak.nn.io;

/**
 * A NumPy {@code .npy} file, or an {@code .npz} archive of them, that breaks the format: bad
 * magic, version, header dictionary, dtype, shape or data length, or a corrupt zip.
 */
public final class NpyFormatException extends TensorFormatException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String source, String problem) { super(source, problem); }

    public NpyFormatException(String source, String problem, Throwable cause) { super(source, problem, cause); }
}
