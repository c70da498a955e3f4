package dev.teak.algorithms.run;

/**
 * Progress of one loop of known length, shown as the run goes. {@link RunContext#progress}
 * picks the form: a bar with rate and ETA on a terminal ({@link TerminalProgress}), plain
 * periodic lines otherwise ({@link PlainProgress}, for logs and pipes), nothing under
 * {@code --quiet}. Use it in try-with-resources; closing prints the final state.
 */
public interface Progress extends AutoCloseable {
    /** Marks {@code n} more units done. */
    void step(long n);

    /** Marks one more unit done. */
    default void step() { step(1); }

    /** A short status shown beside the count, e.g. {@code loss 0.0132}. */
    void message(String text);

    @Override void close();

    /** Shows nothing. */
    Progress SILENT = new Progress() {
        @Override public void step(long n) { }
        @Override public void message(String text) { }
        @Override public void close() { }
    };
}
