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
// The normal stream is defined by dev.teak.tensor.random.PortableMath: the same double
// operations in the same order, never fused into multiply-adds, give the CPU's bits.
#pragma OPENCL FP_CONTRACT OFF

__constant double LOG_C[12] = {0x1.0p0, 0x1.5555555555555p-2, 0x1.999999999999ap-3, 0x1.2492492492492p-3,
    0x1.c71c71c71c71cp-4, 0x1.745d1745d1746p-4, 0x1.3b13b13b13b14p-4, 0x1.1111111111111p-4, 0x1.e1e1e1e1e1e1ep-5,
    0x1.af286bca1af28p-5, 0x1.8618618618618p-5, 0x1.642c8590b2164p-5};
__constant double SIN_C[8] = {-0x1.5555555555555p-3, 0x1.1111111111111p-7, -0x1.a01a01a01a01ap-13,
    0x1.71de3a556c734p-19, -0x1.ae64567f544e4p-26, 0x1.6124613a86d09p-33, -0x1.ae7f3e733b81fp-41, 0x1.952c77030ad4ap-49};
__constant double COS_C[9] = {-0x1.0p-1, 0x1.5555555555555p-5, -0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-16,
    -0x1.27e4fb7789f5cp-22, 0x1.1eed8eff8d898p-29, -0x1.93974a8c07c9dp-37, 0x1.ae7f3e733b81fp-45, -0x1.6827863b97d97p-53};

// ln v = e ln2_hi + (e ln2_lo + 2 s p(s^2)), s = (m - 1)/(m + 1), v = 2^e m, m in (sqrt2/2, sqrt2]
inline double portable_log(double v) {
    if (!(v >= DBL_MIN) || isinf(v)) return log(v);
    long bits = as_long(v);
    int e = (int) (bits >> 52) - 1023;
    double m = as_double((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
    if (m > 0x1.6a09e667f3bcdp0) { m = m * 0.5; e = e + 1; }
    double s = (m - 1) / (m + 1), s2 = s * s;
    double p = LOG_C[11];
    for (int k = 10; k >= 0; k--) p = p * s2 + LOG_C[k];
    return e * 0x1.62e42feep-1 + (e * 0x1.a39ef35793c76p-33 + (2 * s) * p);
}

// (sin 2 pi u, cos 2 pi u) by an exact reduction to an eighth of a turn and Taylor series.
inline void sin_cos_2pi(double u, double* sc) {
    double q = 4 * u;
    int k = (int) q;
    double f = q - k;
    double x = (f <= 0.5 ? f : 1 - f) * 0x1.921fb54442d18p0, x2 = x * x;
    double sp = SIN_C[7];
    for (int j = 6; j >= 0; j--) sp = sp * x2 + SIN_C[j];
    double cp = COS_C[8];
    for (int j = 7; j >= 0; j--) cp = cp * x2 + COS_C[j];
    double s = x + (x * x2) * sp, c = 1 + x2 * cp;
    if (f > 0.5) { double t = s; s = c; c = t; }
    switch (k & 3) {
        case 0: sc[0] = s; sc[1] = c; break;
        case 1: sc[0] = c; sc[1] = -s; break;
        case 2: sc[0] = -s; sc[1] = -c; break;
        default: sc[0] = -c; sc[1] = s;
    }
}

// Philox.boxMuller: z0 = sqrt(-2 ln(1 - u1)) cos(2 pi u2), z1 = the same with sin.
inline void box_muller(TU u1, TU u2, TU* z) {
    double r = sqrt(-2.0 * portable_log(1.0 - u1));
    double sc[2];
    sin_cos_2pi(u2, sc);
    z[0] = r * sc[1];
    z[1] = r * sc[0];
}
#else
#define TU float
// Without float64 the device approximates the stream with its float math library.
inline void box_muller(TU u1, TU u2, TU* z) {
    TU r = sqrt(-2.0f * log(1.0f - u1));
    TU theta = 2.0f * M_PI_F * u2;
    z[0] = r * cos(theta);
    z[1] = r * sin(theta);
}
#endif

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
