// Strided elementwise kernels over one flat index space. Operand type TA, result type TO,
// computation in TC (float or double for floating input, long for integers and bool).
// The formulas follow UnaryOp.apply / BinaryOp.apply (floating) and BinaryOp.applyLong.

#if C_FLOAT
inline TC un(int op, TC x) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return fabs(x);
        case U_SIGN: return x > 0 ? (TC) 1 : (x < 0 ? (TC) -1 : x);   // keeps NaN and signed zero
        case U_EXP: return exp(x);
        case U_EXPM1: return expm1(x);
        case U_LOG: return log(x);
        case U_LOG1P: return log1p(x);
        case U_SQRT: return sqrt(x);
        case U_RSQRT: return (TC) 1 / sqrt(x);
        case U_RECIPROCAL: return (TC) 1 / x;
        case U_SQUARE: return x * x;
        case U_SIN: return sin(x);
        case U_COS: return cos(x);
        case U_TAN: return tan(x);
        case U_TANH: return tanh(x);
        // sigmoid(x) = 1/(1+e^-x) for x >= 0, e^x/(1+e^x) below, so exp never overflows
        case U_SIGMOID: return x >= 0 ? (TC) 1 / ((TC) 1 + exp(-x)) : exp(x) / ((TC) 1 + exp(x));
        case U_RELU: return x > 0 ? x : (TC) 0;
        case U_ERF: return erf(x);
        // GELU = x Phi(x) and its derivative Phi(x) + x phi(x); Phi from erfc, so its lower tail keeps its precision
        case U_GELU: return x >= 0 ? x * ((TC) 1 - (TC) 0.5 * erfc(x * (TC) 0.70710678118654752))
                                   : (TC) 0.5 * x * erfc(-x * (TC) 0.70710678118654752);
        case U_GELU_GRAD: return (x >= 0 ? (TC) 1 - (TC) 0.5 * erfc(x * (TC) 0.70710678118654752)
                                         : (TC) 0.5 * erfc(-x * (TC) 0.70710678118654752))
                                 + x * exp((TC) -0.5 * x * x) * (TC) 0.39894228040143268;
        case U_FLOOR: return floor(x);
        case U_CEIL: return ceil(x);
        case U_ROUND: return rint(x);                                  // half to even, as Math.rint
        case U_TRUNC: return trunc(x);
        case U_STEP: return x > 0 ? (TC) 1 : (TC) 0;
        case U_NOT: return x == 0 ? (TC) 1 : (TC) 0;
        case U_ISNAN: return isnan(x) ? (TC) 1 : (TC) 0;
        case U_ISINF: return isinf(x) ? (TC) 1 : (TC) 0;
    }
    return x;
}

inline TC bin(int op, TC a, TC b, __global int* err) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_POW:
            // Math.pow differs from C's pow: x^NaN is NaN even for x = 1, and (+-1)^(+-inf) is NaN.
            if (b == 0) return (TC) 1;
            if (isnan(a) || isnan(b)) return a + b;
            if (fabs(a) == 1 && isinf(b)) return (TC) NAN;
            return pow(a, b);
        case B_MAX:
            if (isnan(a) || isnan(b)) return a + b;
            if (a == b) return signbit(a) ? b : a;                      // max(-0, +0) = +0
            return a > b ? a : b;
        case B_MIN:
            if (isnan(a) || isnan(b)) return a + b;
            if (a == b) return signbit(a) ? a : b;                      // min(-0, +0) = -0
            return a < b ? a : b;
        case B_ATAN2: return atan2(a, b);
        case B_REM: { TC r = fmod(a, b); return r != 0 && ((r < 0) != (b < 0)) ? r + b : r; } // Python's %
        case B_EQ: return a == b ? (TC) 1 : (TC) 0;
        case B_NE: return a != b ? (TC) 1 : (TC) 0;
        case B_LT: return a < b ? (TC) 1 : (TC) 0;
        case B_LE: return a <= b ? (TC) 1 : (TC) 0;
        case B_GT: return a > b ? (TC) 1 : (TC) 0;
        case B_GE: return a >= b ? (TC) 1 : (TC) 0;
        case B_AND: return a != 0 && b != 0 ? (TC) 1 : (TC) 0;
        case B_OR: return a != 0 || b != 0 ? (TC) 1 : (TC) 0;
        case B_XOR: return (a != 0) != (b != 0) ? (TC) 1 : (TC) 0;
    }
    return a;
}
#else
// Integer arithmetic wraps around as in Java: done on ulong, where overflow is defined.
inline TC un(int op, TC x) {
    switch (op) {
        case U_NEG: return (long) (0UL - (ulong) x);
        case U_ABS: return x < 0 ? (long) (0UL - (ulong) x) : x;
        case U_SIGN: return x > 0 ? 1 : (x < 0 ? -1 : 0);
        case U_SQUARE: return (long) ((ulong) x * (ulong) x);
        case U_RELU: return x > 0 ? x : 0;
        case U_STEP: return x > 0 ? 1 : 0;
        case U_NOT: return x == 0 ? 1 : 0;
        case U_ISNAN: return 0;
        case U_ISINF: return 0;
    }
    return x; // floor, ceil, round and trunc are the identity on integers
}

inline TC bin(int op, TC a, TC b, __global int* err) {
    switch (op) {
        case B_ADD: return (long) ((ulong) a + (ulong) b);
        case B_SUB: return (long) ((ulong) a - (ulong) b);
        case B_MUL: return (long) ((ulong) a * (ulong) b);
        case B_DIV: {                                                    // Math.floorDiv
            if (b == 0) { report(err, 1, 0); return 0; }
            if (b == -1) return (long) (0UL - (ulong) a);
            long q = a / b;
            return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
        }
        case B_POW: {
            if (b < 0) { report(err, 2, b); return 0; }
            ulong r = 1, base = (ulong) a;
            for (long e = b; e > 0; e >>= 1) { if (e & 1) r *= base; base *= base; }
            return (long) r;
        }
        case B_MAX: return a > b ? a : b;
        case B_MIN: return a < b ? a : b;
        case B_ATAN2: return convert_long_sat_rtz(atan2((TF) a, (TF) b));
        case B_REM: {                                                    // Math.floorMod
            if (b == 0) { report(err, 3, 0); return 0; }
            if (b == -1) return 0;
            long r = a % b;
            return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
        }
        case B_EQ: return a == b;
        case B_NE: return a != b;
        case B_LT: return a < b;
        case B_LE: return a <= b;
        case B_GT: return a > b;
        case B_GE: return a >= b;
        case B_AND: return a != 0 && b != 0;
        case B_OR: return a != 0 || b != 0;
        case B_XOR: return (a != 0) != (b != 0);
    }
    return a;
}
#endif

__kernel void ew_unary(int op, int n, int rank, int8 shape, __global const TA* a, int ao, int8 as,
                       __global TO* o, int oo, int8 os) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    if (rank > 1) unravel(i, rank, shape, idx);
    o[AT(oo, os)] = cvt_co(un(op, (TC) a[AT(ao, as)]));
}

__kernel void ew_binary(int op, int n, int rank, int8 shape, __global const TA* a, int ao, int8 as,
                        __global const TA* b, int bo, int8 bs, __global TO* o, int oo, int8 os,
                        __global int* err) {
    int i = get_global_id(0);
    if (i >= n) return;
    int idx[8];
    if (rank > 1) unravel(i, rank, shape, idx);
    o[AT(oo, os)] = cvt_co(bin(op, (TC) a[AT(ao, as)], (TC) b[AT(bo, bs)], err));
}
