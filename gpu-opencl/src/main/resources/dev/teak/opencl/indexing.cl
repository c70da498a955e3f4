// gather, scatter-add and sort along one axis, element type T (compared as TC). Index arrays
// are int64; an index outside [-size, size) is reported through err (code 4) and skipped.

__kernel void gather(int n, int rank, int8 shape, __global const T* x, int xo, int8 xs, int axisLane, int size,
                     __global const long* index, int io, int8 is, __global T* out, __global int* err) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    unravel(i, rank, shape, idx);
    long v = index[io + dot8(idx, is)];
    long at = v < 0 ? v + size : v;
    if (at < 0 || at >= size) { report(err, 4, v); return; }
    idx[axisLane] = (int) at;
    out[i] = x[xo + dot8(idx, xs)];
}

#if ATOMIC_KIND == 1
// float32: compare-and-swap on the bits until no other work-item wrote in between.
inline void atomic_add_t(volatile __global T* p, T v) {
    union { uint u; float f; } seen, next;
    do {
        seen.f = *p;
        next.f = seen.f + v;
    } while (atomic_cmpxchg((volatile __global uint*) p, seen.u, next.u) != seen.u);
}
#elif ATOMIC_KIND == 2
// float64: the same loop on 64-bit words (cl_khr_int64_base_atomics).
inline void atomic_add_t(volatile __global T* p, T v) {
    union { ulong u; double f; } seen, next;
    do {
        seen.f = *p;
        next.f = seen.f + v;
    } while (atom_cmpxchg((volatile __global ulong*) p, seen.u, next.u) != seen.u);
}
#elif ATOMIC_KIND == 3
inline void atomic_add_t(volatile __global T* p, T v) { atomic_add((volatile __global int*) p, v); }
#elif ATOMIC_KIND == 4
inline void atomic_add_t(volatile __global T* p, T v) { atom_add((volatile __global long*) p, v); }
#endif

#if ATOMIC_KIND != 0
// target[..., index[i], ...] += src[i], one work-item per source element.
__kernel void scatter_add(int n, int rank, int8 shape, __global T* tgt, int to, int8 ts, int axisLane, int size,
                          __global const long* index, int io, int8 is, __global const T* src, int so, int8 ss,
                          __global int* err) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    unravel(i, rank, shape, idx);
    long v = index[io + dot8(idx, is)];
    long at = v < 0 ? v + size : v;
    if (at < 0 || at >= size) { report(err, 4, v); return; }
    T s = src[so + dot8(idx, ss)];
    idx[axisLane] = (int) at;
    atomic_add_t(&tgt[to + dot8(idx, ts)], s);
}
#endif

// One work-item adding in source order: for types without atomics (bool adds as logical or).
// It stops at the first bad index, leaving the same partial result as the CPU backend.
__kernel void scatter_add_seq(int n, int rank, int8 shape, __global T* tgt, int to, int8 ts, int axisLane, int size,
                              __global const long* index, int io, int8 is, __global const T* src, int so, int8 ss,
                              __global int* err) {
    if (get_global_id(0) != 0) return;
    int idx[8];
    for (int i = 0; i < n; i++) {
        unravel(i, rank, shape, idx);
        long v = index[io + dot8(idx, is)];
        long at = v < 0 ? v + size : v;
        if (at < 0 || at >= size) { report(err, 4, v); return; }
        T s = src[so + dot8(idx, ss)];
        idx[axisLane] = (int) at;
        int t = to + dot8(idx, ts);
        tgt[t] = ADD_T(tgt[t], s);
    }
}

// Total order of CpuIndexing.before: NaN above every number, -0 equal to +0.
inline int cmp(TC a, TC b) {
    if (a == b) return 0;
#if C_FLOAT
    if (isnan(a)) return isnan(b) ? 0 : 1;
    if (isnan(b)) return -1;
#endif
    return a < b ? -1 : 1;
}

// Stable bottom-up merge sort of one line per work-item, on positions in two scratch runs of n ints.
__kernel void sort_lines(int lines, int n, int rank, int8 shape, __global const T* x, int xo, int8 xs, int xstep,
                         int desc, __global T* values, int vo, int8 vs, int vstep, __global long* indices, int ixo,
                         __global int* scratch) {
    int o = get_global_id(0);
    if (o >= lines) return;
    int idx[8];
    unravel(o, rank, shape, idx);
    int xb = xo + dot8(idx, xs), vb = dot8(idx, vs);
    __global int* a = scratch + (long) o * 2 * n;
    __global int* b = a + n;
    for (int i = 0; i < n; i++) a[i] = i;
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = min(lo + w, n), hi = min(lo + 2 * w, n), i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                int c = cmp((TC) x[xb + a[j] * xstep], (TC) x[xb + a[i] * xstep]);
                // take from the right run only when strictly before: that keeps equal keys in order
                b[k++] = (desc ? c > 0 : c < 0) ? a[j++] : a[i++];
            }
            while (i < mid) b[k++] = a[i++];
            while (j < hi) b[k++] = a[j++];
        }
        __global int* t = a; a = b; b = t;
    }
    for (int i = 0; i < n; i++) {
        values[vo + vb + i * vstep] = x[xb + a[i] * xstep];
        indices[ixo + vb + i * vstep] = a[i];
    }
}
