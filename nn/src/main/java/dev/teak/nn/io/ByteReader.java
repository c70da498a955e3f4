package dev.teak.nn.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sequential reads from a stream whose length is known in advance (a file's size, a buffer's
 * length, a zip entry's declared size). Every read is checked against the bytes that remain
 * <em>before</em> a buffer is allocated for it, so a corrupt length field fails with a format
 * exception instead of an {@link OutOfMemoryError}.
 */
final class ByteReader {
    /** Builds the format-specific exception for a problem found while reading. */
    @FunctionalInterface
    interface Failure {
        TensorFormatException of(String problem);
    }

    private final InputStream in;
    private final Failure fail;
    private long remaining;

    ByteReader(InputStream in, long length, Failure fail) {
        this.in = in;
        this.remaining = length;
        this.fail = fail;
    }

    /** Bytes not yet read. */
    long remaining() { return remaining; }

    Failure failure() { return fail; }

    /** Fails unless {@code n} more bytes are available; call before allocating for them. */
    void require(long n, String what) throws TensorFormatException {
        if (n < 0 || n > remaining) {
            throw fail.of(what + " needs " + n + " bytes but only " + remaining + " remain");
        }
    }

    void readFully(byte[] b, int off, int len, String what) throws IOException {
        require(len, what);
        int n = in.readNBytes(b, off, len);
        if (n < len) throw fail.of(what + ": the data ends after " + n + " of " + len + " bytes");
        remaining -= len;
    }

    byte[] readBytes(int len, String what) throws IOException {
        require(len, what);
        byte[] b = new byte[len];
        readFully(b, 0, len, what);
        return b;
    }

    /** Fails when bytes are left over: trailing data means the lengths in the file disagree. */
    void requireEnd(String what) throws TensorFormatException {
        if (remaining != 0) throw fail.of(remaining + " unexpected bytes after " + what);
    }
}
