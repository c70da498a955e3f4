// Per-line scans: arg-max/min and inclusive prefix sums, one work-item per line. Input TA,
// output TO, comparisons in TC, prefix sums accumulated in TACC.

// The first extreme along a line of n elements (NaN counts as extreme), as CpuReduce.argReduce.
__kernel void arg_reduce(int isMax, int lines, int n, int step, int rank, int8 shape,
                         __global const TA* x, int xo, int8 xs, __global TA* values, __global long* indices) {
    int o = get_global_id(0);
    if (o >= lines) return;
    int idx[8];
    unravel(o, rank, shape, idx);
    int base = xo + dot8(idx, xs);
    TC best = (TC) x[base];
    int bi = 0;
    for (int i = 1; i < n && !IS_NAN(best); i++) {
        TC v = (TC) x[base + i * step];
        if (IS_NAN(v) || (isMax ? v > best : v < best)) { best = v; bi = i; }
    }
    values[o] = x[base + bi * step];
    indices[o] = bi;
}

// Inclusive prefix sum of each line, accumulated in TACC (double for floats when the device
// has it, as the CPU does; ulong for integers, which wraps like Java's long).
__kernel void cumsum(int lines, int n, int rank, int8 shape, __global const TA* x, int xo, int8 xs, int xstep,
                     __global TO* out, int oo, int8 os, int ostep) {
    int o = get_global_id(0);
    if (o >= lines) return;
    int idx[8];
    unravel(o, rank, shape, idx);
    int xb = xo + dot8(idx, xs), ob = oo + dot8(idx, os);
    TACC acc = 0;
    for (int i = 0; i < n; i++) {
        acc += (TACC) x[xb + i * xstep];
        out[ob + i * ostep] = (TO) acc;
    }
}
