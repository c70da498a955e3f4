// Reductions, arg-max/min and prefix sums. Input TA, result TO, accumulation TC (the input's
// floating type, or long). A work-group reduces one output element: each work-item folds a
// strided share of the input, then a tree over local memory combines the partial results in
// a fixed order, so a result depends only on the data, never on scheduling.

inline TC ident(int op) {
    switch (op) {
        case R_SUM: case R_ANY: return (TC) 0;
        case R_PROD: case R_ALL: return (TC) 1;
        case R_MAX: return MAX_ID;
        case R_MIN: return MIN_ID;
    }
    return (TC) 0;
}

// ReduceOp.combine: NaN, once met, is the result of max and min.
inline TC comb(int op, TC acc, TC x) {
    switch (op) {
#if C_FLOAT
        case R_SUM: return acc + x;
        case R_PROD: return acc * x;
#else
        case R_SUM: return (long) ((ulong) acc + (ulong) x);
        case R_PROD: return (long) ((ulong) acc * (ulong) x);
#endif
        case R_MAX: return IS_NAN(acc) ? acc : (IS_NAN(x) || x > acc ? x : acc);
        case R_MIN: return IS_NAN(acc) ? acc : (IS_NAN(x) || x < acc ? x : acc);
        case R_ANY: return acc != 0 || x != 0 ? (TC) 1 : (TC) 0;
        case R_ALL: return acc != 0 && x != 0 ? (TC) 1 : (TC) 0;
    }
    return acc;
}

// One work-group (of a power-of-two size) per output element.
__kernel void reduce_wg(int op, int inner, __global const TA* x, int xo,
                        int keptRank, int8 keptShape, int8 keptStrides,
                        int redRank, int8 redShape, int8 redStrides,
                        __global TO* out, __local TC* scratch) {
    int o = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    int idx[8];
    unravel(o, keptRank, keptShape, idx);
    int base = xo + dot8(idx, keptStrides);
    TC acc = ident(op);
    for (int i = lid; i < inner; i += ls) {
        unravel(i, redRank, redShape, idx);
        acc = comb(op, acc, (TC) x[base + dot8(idx, redStrides)]);
    }
    scratch[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = ls >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = comb(op, scratch[lid], scratch[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) out[o] = cvt_co(scratch[0]);
}

// First pass of a long reduction with few outputs: work-group g folds chunk g % parts of
// output g / parts (a fixed split, so the result stays reproducible) into part[g]; a second
// reduce_wg over the parts finishes. This keeps a GPU busy when one sum covers millions.
__kernel void reduce_parts(int op, int inner, int chunk, int parts, __global const TA* x, int xo,
                           int keptRank, int8 keptShape, int8 keptStrides,
                           int redRank, int8 redShape, int8 redStrides,
                           __global TC* part, __local TC* scratch) {
    int g = get_group_id(0), lid = get_local_id(0), ls = get_local_size(0);
    int o = g / parts, c = g % parts;
    int idx[8];
    unravel(o, keptRank, keptShape, idx);
    int base = xo + dot8(idx, keptStrides);
    int end = min(inner, (c + 1) * chunk);
    TC acc = ident(op);
    for (int i = c * chunk + lid; i < end; i += ls) {
        unravel(i, redRank, redShape, idx);
        acc = comb(op, acc, (TC) x[base + dot8(idx, redStrides)]);
    }
    scratch[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = ls >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = comb(op, scratch[lid], scratch[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) part[g] = scratch[0];
}

// One work-item per output element, for short reductions where a work-group would idle.
__kernel void reduce_seq(int op, int outer, int inner, __global const TA* x, int xo,
                         int keptRank, int8 keptShape, int8 keptStrides,
                         int redRank, int8 redShape, int8 redStrides, __global TO* out) {
    int o = get_global_id(0);
    if (o >= outer) return;
    int idx[8];
    unravel(o, keptRank, keptShape, idx);
    int base = xo + dot8(idx, keptStrides);
    TC acc = ident(op);
    for (int i = 0; i < inner; i++) {
        unravel(i, redRank, redShape, idx);
        acc = comb(op, acc, (TC) x[base + dot8(idx, redStrides)]);
    }
    out[o] = cvt_co(acc);
}
