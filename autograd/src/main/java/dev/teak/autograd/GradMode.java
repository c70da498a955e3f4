package dev.teak.autograd;

/**
 * Whether operations record a graph, per thread (PyTorch's {@code torch.no_grad()}). Use as
 * try-with-resources; the previous state is restored on close, so scopes nest:
 * <pre>{@code
 * try (var g = GradMode.noGrad()) {
 *     w.addInPlace(w.grad(), -lr);   // an optimizer step: records nothing
 * }
 * }</pre>
 * The state is thread-local: a no-grad scope on one thread does not affect another.
 */
public final class GradMode {
    private GradMode() {}

    /** One mutable flag per thread; a boolean[] avoids boxing on every read. */
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    /** A scope that restores the previous grad mode when closed. */
    public static final class Guard implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        private Guard(boolean enabled) {
            this.flag = ENABLED.get();
            this.previous = flag[0];
            flag[0] = enabled;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            flag[0] = previous;
        }
    }

    /** Whether operations on this thread record a graph now. */
    public static boolean isEnabled() { return ENABLED.get()[0]; }

    /** Stops recording until the returned guard is closed. */
    public static Guard noGrad() { return new Guard(false); }

    /** Records again inside an enclosing no-grad scope until the guard is closed. */
    public static Guard enableGrad() { return new Guard(true); }

    /** Sets the mode explicitly (for code that cannot use a scope); returns a guard restoring the old one. */
    public static Guard set(boolean enabled) { return new Guard(enabled); }
}
