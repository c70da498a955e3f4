// Shared helpers. A layout is a shape and strides packed in int8 vectors, right-aligned: the
// innermost dimension is lane 7 and only the last `rank` lanes are walked (see Layout.java).

inline void unravel(int i, int rank, int8 shape, int* idx) {
    int sh[8];
    vstore8(shape, 0, sh);
    for (int d = 0; d < 8; d++) idx[d] = 0;
    for (int d = 7; d >= 8 - rank; d--) {
        idx[d] = i % sh[d];
        i /= sh[d];
    }
}

inline int dot8(const int* idx, int8 strides) {
    int st[8];
    vstore8(strides, 0, st);
    int o = 0;
    for (int d = 0; d < 8; d++) o += idx[d] * st[d];
    return o;
}

// Offset of flat element i in an operand: a merged layout of rank 0 or 1 (contiguous or
// evenly strided operands) needs no unravelling. Uses the kernel's i, rank and idx.
#define AT(base, st) (rank <= 1 ? (base) + i * (st).s7 : (base) + dot8(idx, st))

// Records the first failure (code, offending value) for the host to turn into an exception.
inline void report(__global int* err, int code, long value) {
    if (atomic_cmpxchg(&err[0], 0, code) == 0) {
        err[1] = (int) value;
        err[2] = (int) (value >> 32);
    }
}

// NaN test and the identities of max/min in the comparison type TC, for the programs that
// compare (reductions and scans define C_FLOAT and TC).
#ifdef C_FLOAT
#if C_FLOAT
#define IS_NAN(v) isnan(v)
#define MAX_ID ((TC) -INFINITY)
#define MIN_ID ((TC) INFINITY)
#else
#define IS_NAN(v) ((v) != (v))   // always false for integers; written so compilers do not warn
#define MAX_ID ((TC) LONG_MIN)
#define MIN_ID ((TC) LONG_MAX)
#endif
#endif
