package org.openliveness.engine.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-channel affine normalisation {@code (v − mean[c]) / std[c]} applied to sampled values
 * {@code v} in the 0..255 range. Either one mean/std pair applies to every channel, or three pairs
 * apply to R, G, B respectively. Immutable.
 */
public final class Normalisation {

    private final double[] mean;
    private final double[] std;

    private Normalisation(double[] mean, double[] std) {
        for (int c = 0; c < mean.length; c++) {
            Points.requireFinite(mean[c], "mean[" + c + "]");
            Points.requireFinite(std[c], "std[" + c + "]");
            if (std[c] == 0) {
                throw new IllegalArgumentException("std[" + c + "] must not be zero");
            }
        }
        this.mean = mean;
        this.std = std;
    }

    /** The same {@code (v − mean) / std} for every channel. */
    public static Normalisation of(double mean, double std) {
        return new Normalisation(new double[] {mean}, new double[] {std});
    }

    /**
     * Separate mean and std for R, G and B (only usable with {@link ChannelLayout#RGB}).
     *
     * @throws IllegalArgumentException unless both arrays have length 3 with finite values and non-zero std
     */
    public static Normalisation perChannel(double[] mean, double[] std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std must have 3 entries, got " + mean.length + " and " + std.length);
        }
        return new Normalisation(mean.clone(), std.clone());
    }

    /** Raw values 0..255 (mean 0, std 1). */
    public static Normalisation raw() {
        return of(0, 1);
    }

    /** Values scaled to 0..1 ({@code v / 255}). */
    public static Normalisation unit() {
        return of(0, 255);
    }

    /** Values scaled to −1..1 ({@code v / 127.5 − 1}). */
    public static Normalisation symmetric() {
        return of(127.5, 127.5);
    }

    /** 1 if one pair applies to every channel, 3 if R, G and B have their own pairs. */
    public int channels() {
        return mean.length;
    }

    /** The mean subtracted from channel {@code c} (0 = R or grey, 1 = G, 2 = B). */
    public double mean(int c) {
        return mean[index(c)];
    }

    /** The divisor of channel {@code c} (0 = R or grey, 1 = G, 2 = B). */
    public double std(int c) {
        return std[index(c)];
    }

    private int index(int c) {
        if (c < 0 || c > 2) {
            throw new IndexOutOfBoundsException("channel must be 0..2, got " + c);
        }
        return mean.length == 1 ? 0 : c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalisation[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
