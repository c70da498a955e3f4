// Batched matrix product and sparse (CSR) times dense, element type T.

// Tiled matmul: a 16x16 work-group computes a 64x64 block of C, each work-item a 4x4 grid of
// outputs spaced 16 apart. Per step it stages a 64x16 panel of A and a 16x64 panel of B in
// local memory, so each element loaded from global memory is used 64 times.
//   C[b, i, j] = sum_p A[b, i, p] * B[b, p, j]
// A and B are arbitrary strided views (batch strides may be 0); C is contiguous.
#define TM 64
#define TN 64
#define TK 16
#define WPT 4

__kernel __attribute__((reqd_work_group_size(16, 16, 1)))
void matmul_tiled(int m, int n, int k, __global const T* a, int ao, int ars, int acs,
                  __global const T* b, int bo, int brs, int bcs, __global T* c,
                  int batchRank, int8 batchShape, int8 aBatch, int8 bBatch) {
    __local T As[TK][TM];
    __local T Bs[TK][TN];
    int lc = get_local_id(0), lr = get_local_id(1), tid = lr * 16 + lc;
    int col0 = get_group_id(0) * TN, row0 = get_group_id(1) * TM, bt = get_global_id(2);
    int idx[8];
    unravel(bt, batchRank, batchShape, idx);
    int abase = ao + dot8(idx, aBatch), bbase = bo + dot8(idx, bBatch);
    T acc[WPT][WPT];
    for (int i = 0; i < WPT; i++) for (int j = 0; j < WPT; j++) acc[i][j] = 0;
    for (int t = 0; t < k; t += TK) {
        for (int l = 0; l < (TM * TK) / 256; l++) {
            int e = tid + l * 256;
            int r = e / TK, p = e % TK;                  // A panel: consecutive items walk p
            int gr = row0 + r, gp = t + p;
            As[p][r] = gr < m && gp < k ? a[abase + gr * ars + gp * acs] : (T) 0;
            int q = e / TN, cc = e % TN;                 // B panel: consecutive items walk columns
            int gq = t + q, gc = col0 + cc;
            Bs[q][cc] = gq < k && gc < n ? b[bbase + gq * brs + gc * bcs] : (T) 0;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TK; p++) {
            T bv[WPT];
            for (int j = 0; j < WPT; j++) bv[j] = Bs[p][lc + 16 * j];
            for (int i = 0; i < WPT; i++) {
                T av = As[p][lr + 16 * i];
                for (int j = 0; j < WPT; j++) acc[i][j] += av * bv[j];
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    int cbase = bt * m * n;
    for (int i = 0; i < WPT; i++) {
        int row = row0 + lr + 16 * i;
        if (row >= m) continue;
        for (int j = 0; j < WPT; j++) {
            int col = col0 + lc + 16 * j;
            if (col < n) c[cbase + row * n + col] = acc[i][j];
        }
    }
}

// One work-item per output: for devices whose work-groups are smaller than 256 items.
__kernel void matmul_simple(int m, int n, int k, __global const T* a, int ao, int ars, int acs,
                            __global const T* b, int bo, int brs, int bcs, __global T* c,
                            int batchRank, int8 batchShape, int8 aBatch, int8 bBatch) {
    int col = get_global_id(0), row = get_global_id(1), bt = get_global_id(2);
    if (row >= m || col >= n) return;
    int idx[8];
    unravel(bt, batchRank, batchShape, idx);
    int abase = ao + dot8(idx, aBatch) + row * ars, bbase = bo + dot8(idx, bBatch) + col * bcs;
    T acc = 0;
    for (int p = 0; p < k; p++) acc += a[abase + p * acs] * b[bbase + p * brs];
    c[bt * m * n + row * n + col] = acc;
}

// out[i, j] = sum over the entries p of row i of vals[p] * dense[colIdx[p], j], in entry order.
__kernel void spmm(int rows, int n, __global const int* rowPtr, __global const int* colIdx,
                   __global const T* vals, int vo, __global const T* dense, int dof, __global T* out) {
    int j = get_global_id(0), i = get_global_id(1);
    if (j >= n || i >= rows) return;
    T acc = 0;
    for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) acc += vals[vo + p] * dense[dof + colIdx[p] * n + j];
    out[i * n + j] = acc;
}
