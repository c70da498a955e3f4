package dev.teak.tensor.cpu;

/**
 * Per-thread packing buffers for {@link Gemm} and {@link GemmDouble}, kept between calls so
 * that a training loop's many products allocate nothing. The calling thread holds the shared
 * B panel ("driver" buffers); each worker packs its own A blocks ("task" buffers). A thread
 * that re-enters while its buffers are held (a pool worker that steals another product's
 * driver while waiting for its own tasks) gets fresh, unshared ones.
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> DRIVER = ThreadLocal.withInitial(GemmWorkspace::new);
    private static final ThreadLocal<GemmWorkspace> TASK = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] fa = new float[0], fb = new float[0], ft = new float[0];
    private double[] da = new double[0], db = new double[0], dt = new double[0];
    private boolean busy;

    static GemmWorkspace acquireDriver() { return acquire(DRIVER.get()); }

    static GemmWorkspace acquireTask() { return acquire(TASK.get()); }

    private static GemmWorkspace acquire(GemmWorkspace w) {
        if (w.busy) w = new GemmWorkspace();
        w.busy = true;
        return w;
    }

    void release() { busy = false; }

    float[] a(int n) { if (fa.length < n) fa = new float[n]; return fa; }

    float[] b(int n) { if (fb.length < n) fb = new float[n]; return fb; }

    float[] tile(int n) { if (ft.length < n) ft = new float[n]; return ft; }

    double[] da(int n) { if (da.length < n) da = new double[n]; return da; }

    double[] db(int n) { if (db.length < n) db = new double[n]; return db; }

    double[] dtile(int n) { if (dt.length < n) dt = new double[n]; return dt; }
}
