package dev.teak.autograd;

/**
 * Anomaly detection (PyTorch's {@code torch.autograd.detect_anomaly}), per thread. While it is
 * on, every recorded op keeps the stack trace of where it was created, every forward result
 * and every gradient is scanned, and the first NaN or infinity raises an
 * {@link AnomalyException} naming the op and that place. Off by default because capturing a
 * stack trace per op costs microseconds.
 * <pre>{@code
 * try (var a = AnomalyMode.enable()) { loss.backward(); }
 * }</pre>
 */
public final class AnomalyMode {
    private AnomalyMode() {}

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {false});

    /** A scope that restores the previous anomaly mode when closed. */
    public static final class Guard implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;

        private Guard(boolean on) {
            flag = ENABLED.get();
            previous = flag[0];
            flag[0] = on;
        }

        @Override
        public void close() { flag[0] = previous; }
    }

    public static boolean isEnabled() { return ENABLED.get()[0]; }

    /** Turns detection on until the guard is closed. */
    public static Guard enable() { return new Guard(true); }

    /** Raised at the first non-finite value while anomaly mode is on. */
    public static final class AnomalyException extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        private final String op;

        AnomalyException(String op, String message, Throwable creation) {
            super(message);
            this.op = op;
            if (creation != null) initCause(creation);
        }

        /** The name of the op that produced the value. */
        public String op() { return op; }
    }

    /** Index of the first NaN or infinity in a floating array, or -1. */
    static int firstNonFinite(dev.teak.tensor.NdArray a) {
        if (!a.dtype().isFloating()) return -1;
        double[] v = a.toDoubleArray();
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) return i;
        return -1;
    }

    /** The stack trace of where a node was created, as the cause of an anomaly report. */
    static final class CreatedAt extends Throwable {
        private static final long serialVersionUID = 1L;

        CreatedAt(String op) { super("op '" + op + "' was created here"); }
    }

    /** Throws when the forward result of {@code node} holds a non-finite value. */
    static void checkForward(Node node, dev.teak.tensor.NdArray result) {
        int at = firstNonFinite(result);
        if (at < 0) return;
        throw new AnomalyException(node.name(), "anomaly: forward of op '" + node.name() + "' produced "
                + result.toDoubleArray()[at] + " at flat index " + at + " of its output of shape "
                + dev.teak.tensor.Shape.str(result.shape()) + " (creation stack trace in the cause)", node.creation);
    }

    /** Throws when the gradient that {@code node} computed for input {@code i} holds a non-finite value. */
    static void checkBackward(Node node, int i, dev.teak.tensor.NdArray grad) {
        int at = firstNonFinite(grad);
        if (at < 0) return;
        throw new AnomalyException(node.name(), "anomaly: backward of op '" + node.name() + "' produced "
                + grad.toDoubleArray()[at] + " at flat index " + at + " of the gradient for its input " + i
                + " of shape " + dev.teak.tensor.Shape.str(grad.shape()) + " (creation stack trace in the cause)", node.creation);
    }
}
