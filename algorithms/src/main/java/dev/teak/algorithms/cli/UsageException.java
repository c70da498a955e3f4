package dev.teak.algorithms.cli;

/** Bad command-line arguments: the CLI prints the message and the usage, and exits with status 2. */
public final class UsageException extends Exception {
    private final String usage;

    public UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    /** The usage text to print after the message. */
    public String usage() { return usage; }
}
