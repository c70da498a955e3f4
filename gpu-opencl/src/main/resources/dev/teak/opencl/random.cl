// Philox 4x32-10 random fills in the layout dev.teak.tensor.random.Philox defines: key
// (k0, k1) = the seed's low and high words, counter (c0, c1) = the block's low and high
// words, c2 = substream, c3 = 0. Element i reads lane i % 4 of block counter + i / 4.

inline uint4 philox(ulong seed, ulong counter, uint substream) {
    uint c0 = (uint) counter, c1 = (uint) (counter >> 32), c2 = substream, c3 = 0;
    uint k0 = (uint) seed, k1 = (uint) (seed >> 32);
    for (int r = 0; r < 10; r++) {
        if (r > 0) { k0 += 0x9E3779B9u; k1 += 0xBB67AE85u; }     // Weyl steps of the key
        uint hi0 = mul_hi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
        uint hi1 = mul_hi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
        uint n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
        c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
    }
    return (uint4) (c0, c1, c2, c3);
}

#if HAS_FP64
#define TU double
#else
#define TU float
#endif

// z0 = sqrt(-2 ln(1 - u1)) cos(2 pi u2), z1 = the same with sin: the Box-Muller transform.
inline void box_muller(TU u1, TU u2, TU* z) {
    TU r = sqrt((TU) -2 * log((TU) 1 - u1));
    TU theta = (TU) 2 * M_PI * u2;
    z[0] = r * cos(theta);
    z[1] = r * sin(theta);
}

__kernel void random_fill(int normal, ulong seed, ulong counter, int n, __global T* out, int oo) {
    int b = get_global_id(0);
    if (4 * b >= n) return;
    uint w[4];
    vstore4(philox(seed, counter + (ulong) b, 0), 0, w);
    TU u[4], z[4];
#if T_DOUBLE
    // 53-bit uniforms: 32 bits from substream 0 and the top 21 bits of substream 1.
    uint lo[4];
    vstore4(philox(seed, counter + (ulong) b, 1), 0, lo);
    for (int l = 0; l < 4; l++) u[l] = (double) (((ulong) w[l] << 21) | (lo[l] >> 11)) * 0x1.0p-53;
#else
    for (int l = 0; l < 4; l++) u[l] = (TU) ((float) (w[l] >> 8) * 0x1.0p-24f);   // exact: 24 bits
#endif
    TU* v = u;
    if (normal) {
        box_muller(u[0], u[1], z);
        box_muller(u[2], u[3], z + 2);
        v = z;
    }
    int count = min(4, n - 4 * b);
    for (int l = 0; l < count; l++) out[oo + 4 * b + l] = (T) v[l];
}
