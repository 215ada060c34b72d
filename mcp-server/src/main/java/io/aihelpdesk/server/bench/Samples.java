package io.aihelpdesk.server.bench;

import java.util.Arrays;

/** Latencies of one measured series in milliseconds, sorted; percentiles by nearest rank. */
public final class Samples {
    private final double[] ms;

    public Samples(double[] ms) {
        this.ms = ms.clone();
        Arrays.sort(this.ms);
    }

    public int count() {
        return ms.length;
    }

    /** The p-th percentile (0 &lt; p ≤ 100); 0 when there are no samples. */
    public double p(double p) {
        if (ms.length == 0) {
            return 0;
        }
        return ms[Math.max(0, Math.min(ms.length - 1, (int) Math.ceil(p / 100 * ms.length) - 1))];
    }

    public double mean() {
        return Arrays.stream(ms).average().orElse(0);
    }

    public double max() {
        return ms.length == 0 ? 0 : ms[ms.length - 1];
    }
}
