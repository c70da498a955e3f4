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
