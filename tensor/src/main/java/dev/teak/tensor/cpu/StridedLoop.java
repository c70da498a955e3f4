package dev.teak.tensor.cpu;

/**
 * Walks several arrays of one shape together, row by row, where a row is a run along the
 * last (merged) dimension. Dimensions that are contiguous with their neighbour for every
 * operand are merged first, so fully contiguous operands become a single row and kernels
 * see long unit-stride runs.
 */
final class StridedLoop {
    private StridedLoop() {}

    /** Receives one row: per operand its starting offset and its stride along the row. */
    @FunctionalInterface
    interface RowBody { void row(int[] offsets, int[] innerStrides, int length); }

    /** A shape and per-operand strides after merging dimensions. */
    static final class Plan {
        final int[] shape;
        final int[][] strides;
        final int[] base;
        final int numel;

        Plan(int[] shape, int[][] strides, int[] base) {
            this.base = base;
            int nOps = strides.length;
            int[] sh = new int[Math.max(shape.length, 1)];
            int[][] st = new int[nOps][sh.length];
            int rank = 0;
            long n = 1;
            for (int d = 0; d < shape.length; d++) {
                n *= shape[d];
                if (shape[d] == 1) continue; // size-1 dims carry no stride information
                if (rank > 0 && mergeable(sh[rank - 1], st, rank - 1, strides, d, shape[d])) {
                    sh[rank - 1] *= shape[d];
                    for (int k = 0; k < nOps; k++) st[k][rank - 1] = strides[k][d];
                } else {
                    sh[rank] = shape[d];
                    for (int k = 0; k < nOps; k++) st[k][rank] = strides[k][d];
                    rank++;
                }
            }
            if (rank == 0) { sh[0] = 1; rank = 1; }
            this.numel = (int) n;
            this.shape = java.util.Arrays.copyOf(sh, rank);
            this.strides = new int[nOps][];
            for (int k = 0; k < nOps; k++) this.strides[k] = java.util.Arrays.copyOf(st[k], rank);
        }

        private static boolean mergeable(int prevSize, int[][] prevStrides, int prevDim, int[][] strides, int d, int size) {
            for (int k = 0; k < strides.length; k++) {
                if (prevStrides[k][prevDim] != strides[k][d] * size) return false;
            }
            return true;
        }

        int rowLength() { return shape[shape.length - 1]; }
    }

    /** Calls {@code body} for the part of the iteration space with flat indices {@code [lo, hi)}. */
    static void run(Plan p, int lo, int hi, RowBody body) {
        if (lo >= hi) return;
        int rank = p.shape.length, nOps = p.strides.length;
        int rowLen = p.rowLength();
        int[] idx = new int[rank];
        int rest = lo;
        for (int d = rank - 1; d >= 0; d--) { idx[d] = rest % p.shape[d]; rest /= p.shape[d]; }
        int[] off = new int[nOps];
        int[] inner = new int[nOps];
        for (int k = 0; k < nOps; k++) {
            inner[k] = p.strides[k][rank - 1];
            int o = p.base[k];
            for (int d = 0; d < rank; d++) o += idx[d] * p.strides[k][d];
            off[k] = o;
        }
        int pos = lo;
        int[] rowOff = new int[nOps];
        while (pos < hi) {
            int len = Math.min(rowLen - idx[rank - 1], hi - pos);
            System.arraycopy(off, 0, rowOff, 0, nOps);
            body.row(rowOff, inner, len);
            pos += len;
            if (pos >= hi) break;
            // advance to the start of the next row
            idx[rank - 1] += len;
            for (int k = 0; k < nOps; k++) off[k] += len * inner[k];
            for (int d = rank - 1; d > 0 && idx[d] == p.shape[d]; d--) {
                for (int k = 0; k < nOps; k++) off[k] += p.strides[k][d - 1] - p.shape[d] * p.strides[k][d];
                idx[d] = 0;
                idx[d - 1]++;
            }
        }
    }

    /** Runs the whole space, split across threads when large. */
    static void parallel(Plan p, RowBody body) {
        Parallel.forRange(p.numel, Parallel.GRAIN, (lo, hi) -> run(p, lo, hi, body));
    }
}
