"""PyTorch side of bench/compare: a long-lived worker driven by the Java harness.

It reads one JSON request per line on stdin and answers one JSON line on stdout:
  {"op": "init", "threads": N}                        -> versions, BLAS kernel and thread counts
  {"op": "setup", "name", "kind", "dir", "params"}    -> loads the inputs Teak wrote as .npy
  {"op": "check", "name", "dir"}                      -> writes out_0.npy, out_1.npy, ... to dir
  {"op": "run", "name", "iters"}                      -> {"seconds": wall time of iters calls}
  {"op": "free", "name"} / {"op": "quit"}
Every workload mirrors the Teak one of the same name (bench/src/main/java/dev/teak/bench/compare):
same inputs, same parameters (loaded from the state dict Teak saved), same arithmetic, so the
harness can check that both compute the same numbers before it times them.
"""
import ctypes
import json
import math
import os
import sys
import time

import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

WORKLOADS = {}
warnings.filterwarnings("ignore", message="Sparse CSR tensor support is in beta")


def load(d, name):
    return torch.from_numpy(np.load(os.path.join(d, name + ".npy")))


def openblas_info():
    """The OpenBLAS library torch loaded, its build configuration, core kernel and threads."""
    seen = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if "openblas" in path and path.endswith(tuple(".so" + s for s in ("", ".0", ".3"))) or "libopenblas" in path:
                    seen.add(path)
    except OSError:
        return None
    for path in sorted(seen):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return {"library": path, "config": lib.openblas_get_config().decode(),
                    "core": lib.openblas_get_corename().decode(), "threads": lib.openblas_get_num_threads(),
                    "_lib": lib}
        except (OSError, AttributeError):
            continue
    return None


# ---------------------------------------------------------------- kernels (no autograd)

def setup_matmul(d, p):
    a, b = load(d, "a"), load(d, "b")
    return lambda: torch.matmul(a, b), None


def setup_binary(d, p):
    a, b = load(d, "a"), load(d, "b")
    op = (torch.add, torch.mul)[p["op"]]          # 0 = add, 1 = mul
    return lambda: op(a, b), None


def setup_exp(d, p):
    a = load(d, "a")
    return lambda: torch.exp(a), None


def setup_softmax(d, p):
    a = load(d, "a")
    return lambda: torch.softmax(a, dim=1), None


def setup_sum_rows(d, p):
    a = load(d, "a")
    return lambda: torch.sum(a, dim=1), None


def csr_from(d, rows, cols):
    indptr, indices, values = load(d, "indptr").long(), load(d, "indices").long(), load(d, "values")
    return torch.sparse_csr_tensor(indptr, indices, values, size=(rows, cols))


def setup_spmm(d, p):
    a = csr_from(d, p["n"], p["n"])
    x = load(d, "x")
    return lambda: torch.matmul(a, x), None


def setup_conv2d(d, p):
    x, w, b, gy = load(d, "x"), load(d, "w"), load(d, "b"), load(d, "gy")
    w.requires_grad_(True)
    b.requires_grad_(True)
    x.requires_grad_(True)
    state = {}

    def step():
        w.grad = b.grad = x.grad = None
        y = F.conv2d(x, w, b, stride=1, padding=1)
        y.backward(gy)
        state["y"] = y
        return y

    def outputs():
        step()
        return [state["y"].detach(), x.grad, w.grad, b.grad]
    return step, outputs


def setup_chain(d, p):
    x0, c, e = load(d, "x"), load(d, "c"), load(d, "e")
    cycles = p["cycles"]
    state = {}

    def step():
        x = x0.detach().requires_grad_(True)
        y = x
        for _ in range(cycles):          # 4 ops per cycle: y*c + e, then undone: (.. - e) / c
            y = y * c
            y = y + e
            y = y - e
            y = y / c
        y.sum().backward()
        state["y"], state["g"] = y.detach(), x.grad
        return y

    def outputs():
        step()
        return [state["y"], state["g"]]
    return step, outputs


# ---------------------------------------------------------------- training steps

def load_state(model, d):
    """Copies Teak's parameters (PyTorch dotted names, same layouts) into the mirror model."""
    arrays = np.load(os.path.join(d, "params.npz"))
    state = {k: torch.from_numpy(arrays[k]) for k in arrays.files}
    missing = set(model.state_dict().keys()) ^ set(state.keys())
    if missing:
        raise ValueError("parameter names differ between Teak and torch: " + ", ".join(sorted(missing)))
    model.load_state_dict(state, strict=True)


def trainer(model, d, loss_fn, lr):
    load_state(model, d)
    opt = torch.optim.Adam(model.parameters(), lr=lr)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn()
        loss.backward()
        opt.step()
        return loss

    def outputs():
        losses = [step().item() for _ in range(2)]
        return [torch.tensor(losses, dtype=torch.float32)]
    return step, outputs


def setup_mlp(d, p):
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    x, y = load(d, "x"), load(d, "y").long()
    return trainer(model, d, lambda: F.cross_entropy(model(x), y), p["lr"] * 1e-6)


class TextCnn(nn.Module):
    def __init__(self, vocab, emb, filters, widths, classes):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.convs = nn.ModuleList([nn.Conv1d(emb, filters, k) for k in widths])
        self.fc = nn.Linear(filters * len(widths), classes)

    def forward(self, tokens):
        x = self.emb(tokens).transpose(1, 2)                     # [B, E, T]
        pooled = [F.relu(conv(x)).amax(dim=2) for conv in self.convs]
        return self.fc(torch.cat(pooled, dim=1))


def setup_textcnn(d, p):
    model = TextCnn(p["vocab"], p["emb"], p["filters"], [3, 4, 5], p["classes"])
    x, y = load(d, "tokens").long(), load(d, "y").long()
    return trainer(model, d, lambda: F.cross_entropy(model(x), y), p["lr"] * 1e-6)


class GcnLayer(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, adj, x):
        return torch.sparse.mm(adj, x @ self.weight) + self.bias


class Gcn(nn.Module):
    def __init__(self, n_in, hidden, classes):
        super().__init__()
        self.conv1 = GcnLayer(n_in, hidden)
        self.conv2 = GcnLayer(hidden, classes)

    def forward(self, adj, x):
        return self.conv2(adj, F.relu(self.conv1(adj, x)))


def setup_gcn(d, p):
    n = p["n"]
    adj = csr_from(d, n, n).to_sparse_coo().coalesce()
    x, y = load(d, "x"), load(d, "y").long()
    train = p["train"]
    model = Gcn(x.shape[1], p["hidden"], p["classes"])
    return trainer(model, d, lambda: F.cross_entropy(model(adj, x)[:train], y[:train]), p["lr"] * 1e-6)


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(d, d) for _ in range(4))

    def forward(self, x, mask):
        b, t, e = x.shape
        split = lambda z: z.reshape(b, t, self.heads, e // self.heads).transpose(1, 2)
        q, k, v = split(self.q_proj(x)), split(self.k_proj(x)), split(self.v_proj(x))
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(e // self.heads)
        att = torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1) @ v
        return self.out_proj(att.transpose(1, 2).reshape(b, t, e))


class FeedForward(nn.Module):
    def __init__(self, d, hidden):
        super().__init__()
        self.up, self.down = nn.Linear(d, hidden), nn.Linear(hidden, d)

    def forward(self, x):
        return self.down(F.gelu(self.up(x)))


class PreNormLayer(nn.Module):
    def __init__(self, d, heads, hidden):
        super().__init__()
        self.self_attn = Attention(d, heads)
        self.ff = FeedForward(d, hidden)
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)

    def forward(self, x, mask):
        x = x + self.self_attn(self.norm1(x), mask)
        return x + self.ff(self.norm2(x))


class DecoderBlock(nn.Module):
    def __init__(self, d, heads, hidden):
        super().__init__()
        self.block = PreNormLayer(d, heads, hidden)


class Positions(nn.Module):
    def __init__(self, max_len, d):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(max_len, d))


class DecoderOnly(nn.Module):
    """Teak's DecoderOnlyTransformer (pre-norm GPT, learned positions, untied head, no dropout)."""

    def __init__(self, vocab, max_len, d, heads, hidden, layers):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab, d)
        self.pos = Positions(max_len, d)
        self.blocks = nn.ModuleList([DecoderBlock(d, heads, hidden) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)

    def forward(self, tokens):
        t = tokens.shape[1]
        mask = torch.ones(t, t, dtype=torch.bool).triu(1)
        x = self.tok_emb(tokens) + self.pos.weight[:t]
        for b in self.blocks:
            x = b.block(x, mask)
        return self.head(self.ln_f(x))


def setup_transformer(d, p):
    model = DecoderOnly(p["vocab"], p["seq"], p["width"], p["heads"], p["hidden"], p["layers"])
    x, y = load(d, "tokens").long(), load(d, "y").long()
    v = p["vocab"]
    return trainer(model, d, lambda: F.cross_entropy(model(x).reshape(-1, v), y.reshape(-1)), p["lr"] * 1e-6)


KINDS = {"matmul": setup_matmul, "binary": setup_binary, "exp": setup_exp, "softmax": setup_softmax,
         "sum_rows": setup_sum_rows, "spmm": setup_spmm, "conv2d": setup_conv2d, "chain": setup_chain,
         "mlp": setup_mlp, "textcnn": setup_textcnn, "gcn": setup_gcn, "transformer": setup_transformer}


def handle(req):
    op = req["op"]
    if op == "init":
        torch.set_num_threads(req["threads"])
        info = {"torch": torch.__version__, "numpy": np.__version__, "threads": torch.get_num_threads(),
                "cpu_capability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else None,
                "mkldnn": torch.backends.mkldnn.is_available(),
                "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OMP_WAIT_POLICY")}}
        torch.matmul(torch.ones(64, 64), torch.ones(64, 64))   # loads the BLAS
        blas = openblas_info()
        if blas is not None:
            blas["_lib"].openblas_set_num_threads(req["threads"])
            blas["threads"] = blas["_lib"].openblas_get_num_threads()
            del blas["_lib"]
        info["openblas"] = blas
        try:
            import threadpoolctl
            info["threadpoolctl"] = threadpoolctl.threadpool_info()
        except ImportError:
            pass
        info["config"] = torch.__config__.show()
        return {"ok": True, "info": info}
    if op == "setup":
        WORKLOADS[req["name"]] = KINDS[req["kind"]](req["dir"], req.get("params", {}))
        return {"ok": True}
    if op == "check":
        step, outputs = WORKLOADS[req["name"]]
        outs = outputs() if outputs is not None else [step()]
        for i, o in enumerate(outs):
            np.save(os.path.join(req["dir"], "torch_out_%d.npy" % i), o.detach().contiguous().numpy())
        return {"ok": True, "outputs": len(outs)}
    if op == "run":
        step, _ = WORKLOADS[req["name"]]
        iters = req["iters"]
        t0 = time.perf_counter()
        for _ in range(iters):
            step()
        return {"ok": True, "seconds": time.perf_counter() - t0}
    if op == "free":
        WORKLOADS.pop(req["name"], None)
        return {"ok": True}
    raise ValueError("unknown op " + op)


def main():
    out = sys.stdout
    sys.stdout = sys.stderr          # stray prints must not corrupt the protocol
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req["op"] == "quit":
            break
        try:
            ans = handle(req)
        except Exception as e:       # reported to the harness, which names the workload
            ans = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        out.write(json.dumps(ans) + "\n")
        out.flush()


if __name__ == "__main__":
    torch.set_grad_enabled(True)
    main()
