package org.openliveness.engine.geometry;

/** Channels written per pixel by the {@link Warp} tensor functions. */
public enum ChannelLayout {
    /** Three channels in R, G, B order. */
    RGB(3),
    /** One channel, {@code 0.2989·R + 0.587·G + 0.114·B} of the sampled colour. */
    GREY(1);

    private final int channels;

    ChannelLayout(int channels) {
        this.channels = channels;
    }

    /** Number of channels per pixel (3 or 1). */
    public int channels() {
        return channels;
    }
}
