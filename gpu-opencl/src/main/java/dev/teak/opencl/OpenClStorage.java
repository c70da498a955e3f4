package dev.teak.opencl;

import dev.teak.tensor.Backend;
import dev.teak.tensor.DType;
import dev.teak.tensor.Storage;
import java.lang.ref.Cleaner;
import org.jocl.cl_mem;

/**
 * A device buffer ({@code cl_mem}) holding {@code size} elements of one dtype (bool as one
 * byte). The buffer is released when the storage becomes unreachable, through a
 * {@link Cleaner} whose action holds only the {@code cl_mem} and the byte count, never the
 * storage itself; {@link #release()} frees it at once for code that knows it is done.
 */
public final class OpenClStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenClBackend backend;
    private final DType dtype;
    private final int size;
    private final cl_mem mem;
    private final Cleaner.Cleanable cleanable;

    OpenClStorage(OpenClBackend backend, DType dtype, int size, cl_mem mem, long bytes) {
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.mem = mem;
        this.cleanable = CLEANER.register(this, new Release(backend.context(), mem, bytes));
    }

    /** The device buffer; valid while this storage is reachable. */
    cl_mem mem() { return mem; }

    /** Frees the device buffer now; the storage must not be used afterwards. Idempotent. */
    public void release() { cleanable.clean(); }

    @Override public DType dtype() { return dtype; }

    @Override public int size() { return size; }

    @Override public Backend backend() { return backend; }

    /** The cleaning action: must not reference the storage, or it would never become unreachable. */
    private static final class Release implements Runnable {
        private final OpenClContext context;
        private final cl_mem mem;
        private final long bytes;

        Release(OpenClContext context, cl_mem mem, long bytes) {
            this.context = context;
            this.mem = mem;
            this.bytes = bytes;
        }

        @Override public void run() { context.free(mem, bytes); }
    }
}
