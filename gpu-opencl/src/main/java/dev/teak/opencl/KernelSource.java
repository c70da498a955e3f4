package dev.teak.opencl;

import dev.teak.tensor.BinaryOp;
import dev.teak.tensor.DType;
import dev.teak.tensor.ReduceOp;
import dev.teak.tensor.UnaryOp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Program texts: a generated header (extensions, element types, conversions, op codes taken
 * from the Java enums so the two can never disagree) followed by {@code common.cl} and one
 * kernel file from the resources. One text per combination of types; each is built once per
 * context by {@link ProgramCache}, and the same String instance is returned every time.
 */
final class KernelSource {
    private final DeviceInfo info;
    private final Map<String, String> texts = new ConcurrentHashMap<>();

    KernelSource(DeviceInfo info) { this.info = info; }

    /** The OpenCL C type that stores a dtype (bool is one byte). */
    static String clType(DType t) {
        switch (t) {
            case FLOAT32: return "float";
            case FLOAT64: return "double";
            case INT32: return "int";
            case INT64: return "long";
            default: return "uchar";
        }
    }

    /** The type computations on a dtype run in: its own for floats, long for integers and bool. */
    static DType computeType(DType t) { return t.isFloating() ? t : DType.INT64; }

    /**
     * C expression converting {@code x} of type {@code from} to {@code to} as Java's casts in
     * CpuStorage do: floats to integers round toward zero and saturate (NaN gives 0), integers
     * narrow by dropping high bits, anything to bool is {@code x != 0}.
     */
    static String convert(DType from, DType to, String x) {
        if (to == DType.BOOL) return "((" + x + ") != 0 ? (uchar) 1 : (uchar) 0)";
        // NaN is tested for explicitly: the specification makes a saturating conversion of NaN
        // 0 (as Java's cast), but NVIDIA's driver 580 gives INT_MIN (seen on an H200).
        if (from.isFloating() && to == DType.INT32) return "(isnan(" + x + ") ? 0 : convert_int_sat_rtz(" + x + "))";
        if (from.isFloating() && to == DType.INT64) return "(isnan(" + x + ") ? 0L : convert_long_sat_rtz(" + x + "))";
        return "((" + clType(to) + ") (" + x + "))";
    }

    /** Unary and binary kernels reading {@code a} and writing {@code o}. */
    String elementwise(DType a, DType o) {
        DType c = computeType(a);
        return text("elementwise", "ew:" + a + ":" + o, types("TA", a, "TO", o, "TC", c)
                + "#define C_FLOAT " + (c.isFloating() ? 1 : 0) + "\n" + fn(o, "cvt_co", c, convert(c, o, "x")));
    }

    /** Copy, fill and where from {@code a} to {@code o}. */
    String convert(DType a, DType o) {
        return text("convert", "cvt:" + a + ":" + o, types("TA", a, "TO", o) + fn(o, "cvt_ao", a, convert(a, o, "x")));
    }

    /** Reduction kernels from {@code a} into {@code o}, accumulating in the compute type. */
    String reduce(DType a, DType o) {
        DType c = computeType(a);
        return text("reduce", "red:" + a + ":" + o, types("TA", a, "TO", o, "TC", c)
                + "#define C_FLOAT " + (c.isFloating() ? 1 : 0) + "\n" + fn(o, "cvt_co", c, convert(c, o, "x")));
    }

    /**
     * arg-max/min and cumsum, kept apart from the reductions because drivers such as PoCL
     * compile every kernel of a program when it is built.
     */
    String scan(DType a, DType o) {
        DType c = computeType(a);
        String acc = o.isFloating() ? (info.fp64() ? "double" : clType(o)) : "ulong";
        return text("scan", "scan:" + a + ":" + o, types("TA", a, "TO", o, "TC", c)
                + "#define C_FLOAT " + (c.isFloating() ? 1 : 0) + "\n#define TACC " + acc + "\n");
    }

    String linalg(DType t) { return text("linalg", "lin:" + t, types("T", t)); }

    String conv(DType t) { return text("conv", "conv:" + t, types("T", t)); }

    /** Indexing kernels; {@code atomicKind} selects the scatter-add flavour (0: none, sequential only). */
    String indexing(DType t, int atomicKind) {
        DType c = computeType(t);
        String add = t == DType.BOOL ? "(((a) != 0 || (b) != 0) ? (uchar) 1 : (uchar) 0)" : "((a) + (b))";
        return text("indexing", "idx:" + t + ":" + atomicKind, types("T", t, "TC", c)
                + "#define C_FLOAT " + (c.isFloating() ? 1 : 0) + "\n#define ATOMIC_KIND " + atomicKind + "\n"
                + "#define ADD_T(a, b) " + add + "\n");
    }

    String random(DType t) {
        return text("random", "rng:" + t, types("T", t) + "#define T_DOUBLE " + (t == DType.FLOAT64 ? 1 : 0) + "\n");
    }

    private String text(String file, String key, String defs) {
        return texts.computeIfAbsent(key, k -> header() + defs + resource("common.cl") + resource(file + ".cl"));
    }

    private String header() {
        StringBuilder sb = new StringBuilder();
        if (info.fp64()) sb.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        if (info.int64Atomics()) sb.append("#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n");
        sb.append("#define HAS_FP64 ").append(info.fp64() ? 1 : 0).append('\n');
        sb.append("#define TF ").append(info.fp64() ? "double" : "float").append('\n');
        for (UnaryOp op : UnaryOp.values()) sb.append("#define U_").append(op).append(' ').append(op.ordinal()).append('\n');
        for (BinaryOp op : BinaryOp.values()) sb.append("#define B_").append(op).append(' ').append(op.ordinal()).append('\n');
        for (ReduceOp op : ReduceOp.values()) sb.append("#define R_").append(op).append(' ').append(op.ordinal()).append('\n');
        return sb.toString();
    }

    private static String types(Object... nameAndType) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nameAndType.length; i += 2) {
            sb.append("#define ").append(nameAndType[i]).append(' ').append(clType((DType) nameAndType[i + 1])).append('\n');
        }
        return sb.toString();
    }

    private static String fn(DType out, String name, DType in, String body) {
        return "inline " + clType(out) + " " + name + "(" + clType(in) + " x) { return " + body + "; }\n";
    }

    private static String resource(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("opencl: kernel source " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
