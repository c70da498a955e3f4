// Copy with dtype conversion, fill and where over strided operands: a separate small program
// per (source, destination) type pair, so conversions do not pay for compiling the math of
// elementwise.cl. cvt_ao converts TA to TO as Java's casts do (see KernelSource.convert).

__kernel void ew_copy(int n, int rank, int8 shape, __global const TA* a, int ao, int8 as,
                      __global TO* o, int oo, int8 os) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    if (rank > 1) unravel(i, rank, shape, idx);
    o[AT(oo, os)] = cvt_ao(a[AT(ao, as)]);
}

__kernel void ew_fill(int n, int rank, int8 shape, __global TO* o, int oo, int8 os, TO value) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    if (rank > 1) unravel(i, rank, shape, idx);
    o[AT(oo, os)] = value;
}

__kernel void ew_where(int n, int rank, int8 shape, __global const uchar* c, int co, int8 cs,
                       __global const TA* a, int ao, int8 as, __global const TA* b, int bo, int8 bs,
                       __global TO* o, int oo, int8 os) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    if (rank > 1) unravel(i, rank, shape, idx);
    o[AT(oo, os)] = c[AT(co, cs)] != 0 ? cvt_ao(a[AT(ao, as)]) : cvt_ao(b[AT(bo, bs)]);
}
