package dev.teak.bench.compare;

import java.util.Arrays;

/**
 * The measured figures of one workload: per-step seconds of each round on each side (each round
 * runs a calibrated number of steps and records their mean), the result check, and the ratio of
 * the medians, PyTorch over Teak (above 1: Teak is faster).
 */
record Result(Workload workload, double[] teak, double[] torch, int teakIters, int torchIters,
              double checkError, boolean checked, String failure) {

    static Result failed(Workload w, String why) { return new Result(w, new double[0], new double[0], 0, 0, Double.NaN, false, why); }

    double teakMedian() { return median(teak); }

    double torchMedian() { return median(torch); }

    double ratio() { return torchMedian() / teakMedian(); }

    /** Met, missed, or not applicable (no target or no figures). */
    String verdict() {
        if (failure != null) return "FAILED";
        if (Double.isNaN(workload.target())) return "-";
        return ratio() >= workload.target() ? "met" : "MISSED";
    }

    static double median(double[] xs) {
        if (xs.length == 0) return Double.NaN;
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] xs) { return Arrays.stream(xs).min().orElse(Double.NaN); }

    static double max(double[] xs) { return Arrays.stream(xs).max().orElse(Double.NaN); }
}
