// im2col and its adjoint over contiguous [N, C, H, W], element type T. Column row
// r = (c, i, j) holds, for each output position (y, x), the input under kernel tap (i, j):
//   cols[b, r, y*ow + x] = in[b, c, y*sh - ph + i*dh, x*sw - pw + j*dw]   (0 in the padding)

__kernel void im2col(int total, __global const T* in, int io, int C, int H, int W, int kh, int kw,
                     int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow, __global T* cols) {
    int e = get_global_id(0);
    if (e >= total) return;
    int x = e % ow, y = (e / ow) % oh, rows = C * kh * kw;
    int r = (e / (ow * oh)) % rows, b = e / (ow * oh * rows);
    int c = r / (kh * kw), i = (r / kw) % kh, j = r % kw;
    int iy = y * sh - ph + i * dh, ix = x * sw - pw + j * dw;
    cols[e] = iy >= 0 && iy < H && ix >= 0 && ix < W ? in[io + ((b * C + c) * H + iy) * W + ix] : (T) 0;
}

// Each input element gathers the column entries that im2col copied from it, in tap order
// (the order in which CpuConv.col2im adds them), so the sums equal the CPU's exactly.
__kernel void col2im(int total, __global const T* cols, int co, int C, int H, int W, int kh, int kw,
                     int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow, __global T* out, int oo) {
    int e = get_global_id(0);
    if (e >= total) return;
    int ix = e % W, iy = (e / W) % H, c = (e / (W * H)) % C, b = e / (W * H * C);
    int taps = kh * kw, colSize = C * taps * oh * ow;
    T acc = out[oo + e];
    for (int t = 0; t < taps; t++) {
        int i = t / kw, j = t % kw;
        int ny = iy + ph - i * dh, nx = ix + pw - j * dw;
        if (ny < 0 || nx < 0 || ny % sh != 0 || nx % sw != 0) continue;
        int y = ny / sh, x = nx / sw;
        if (y >= oh || x >= ow) continue;
        acc += cols[co + b * colSize + (c * taps + t) * oh * ow + y * ow + x];
    }
    out[oo + e] = acc;
}
