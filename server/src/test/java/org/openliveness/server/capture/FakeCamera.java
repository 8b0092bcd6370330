package org.openliveness.server.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;

/**
 * Videos for Chromium's fake camera: a subject (a rendered person, a print) filmed in front of a
 * wall, moving by a {@link Script} that repeats once per cycle. Frames are 640×480, the size the
 * capture component asks the camera for.
 *
 * <p>Every cycle first brings the face into the middle of the frame and holds it there, still and
 * neutral, then moves it aside before anything else happens: the capture component begins a
 * challenge only after the preview has found the face well placed (hint {@code OK}) in two frames
 * in a row, so its bursts begin while the face is neutral, and the movement follows during the
 * burst, whatever the server's and the browser's latencies. (A person does the same: looks into
 * the oval, reads the instruction, moves.) Aside, the face is {@code NOT_CENTRED} (more than 15 %
 * of the width off the centre), which keeps a new challenge from beginning during the movement.
 *
 * <p>The wall's pattern, and where the person stands (a little nearer or further, higher or
 * lower), change from cycle to cycle, so pictures from two cycles never look like one replayed
 * picture (the replay check compares a burst's frames with the answers the session has already
 * accepted; the wall alone, mostly hidden by the subject's picture, did not always make two cycles'
 * frames differ enough); a video long enough for every burst the test needs never repeats.
 */
final class FakeCamera {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int FPS = 6;
    /** Face box height over the frame's: the preview wants 0.3 to 0.8. */
    static final double FACE_SHARE = 0.55;
    /**
     * Horizontal offset that puts the face aside: {@code NOT_CENTRED} beyond 0.15 × 640 = 96 px, and
     * not so far that the face mesh's crop leaves the frame (at 150 px a 45° turn measured 28°).
     */
    static final double ASIDE = 115;
    /** Width of the soft edge between the subject's picture and the wall, frame pixels. */
    private static final double FEATHER = 24;

    /** Where the subject is and what it does at one moment. Angles in degrees, amounts 0..1, offset in frame pixels. */
    record Pose(double offset, double yaw, double pitch, double smile, double mouth, double tilt, double eyesClosed) {

        static final Pose ASIDE_NEUTRAL = new Pose(FakeCamera.ASIDE, 0, 0, 0, 0, 0, 0);

        Pose offset(double v) {
            return new Pose(v, yaw, pitch, smile, mouth, tilt, eyesClosed);
        }

        Pose yaw(double v) {
            return new Pose(offset, v, pitch, smile, mouth, tilt, eyesClosed);
        }

        Pose pitch(double v) {
            return new Pose(offset, yaw, v, smile, mouth, tilt, eyesClosed);
        }

        Pose smile(double v) {
            return new Pose(offset, yaw, pitch, v, mouth, tilt, eyesClosed);
        }

        Pose mouth(double v) {
            return new Pose(offset, yaw, pitch, smile, v, tilt, eyesClosed);
        }

        Pose tilt(double v) {
            return new Pose(offset, yaw, pitch, smile, mouth, v, eyesClosed);
        }

        Pose eyesClosed(double v) {
            return new Pose(offset, yaw, pitch, smile, mouth, tilt, v);
        }

        /** The look of the subject, without its place: what a rendering depends on. */
        String look() {
            return String.format(java.util.Locale.ROOT, "%.2f/%.2f/%.3f/%.3f/%.2f/%.3f", yaw, pitch, smile, mouth, tilt, eyesClosed);
        }

        static Pose between(Pose a, Pose b, double f) {
            return new Pose(a.offset + f * (b.offset - a.offset), a.yaw + f * (b.yaw - a.yaw), a.pitch + f * (b.pitch - a.pitch),
                    a.smile + f * (b.smile - a.smile), a.mouth + f * (b.mouth - a.mouth), a.tilt + f * (b.tilt - a.tilt),
                    a.eyesClosed + f * (b.eyesClosed - a.eyesClosed));
        }
    }

    /** A piecewise-linear movement over one cycle; a step of 0 seconds is a jump (a cut). */
    static final class Script {
        private final List<Double> times = new ArrayList<>();
        private final List<Pose> poses = new ArrayList<>();

        Script(Pose start) {
            times.add(0.0);
            poses.add(start);
        }

        /** Moves linearly from the last pose to {@code change(last)} over {@code seconds}. */
        Script then(double seconds, UnaryOperator<Pose> change) {
            times.add(duration() + seconds);
            poses.add(change.apply(poses.get(poses.size() - 1)));
            return this;
        }

        Script hold(double seconds) {
            return then(seconds, p -> p);
        }

        /**
         * The cycle's start: the face comes into the middle, stays there still and neutral for
         * {@code seconds}, moves aside and stays still there for {@value #SETTLE} s more, so a
         * burst begun up to most of a second after the last preview that found the face in place
         * still begins before the movement.
         */
        static Script enterAndHold(Pose neutralAside, double seconds) {
            return enterAndHold(neutralAside, seconds, SETTLE);
        }

        /** {@link #enterAndHold(Pose, double)} staying still aside for {@code settle} seconds. */
        static Script enterAndHold(Pose neutralAside, double seconds, double settle) {
            return new Script(neutralAside).then(0.4, p -> p.offset(0)).hold(seconds).then(0.3, p -> p.offset(ASIDE)).hold(settle);
        }

        static final double SETTLE = 0.8;

        double duration() {
            return times.get(times.size() - 1);
        }

        Pose at(double t) {
            for (int i = times.size() - 1; i >= 0; i--) {
                if (times.get(i) <= t) {
                    if (i == times.size() - 1) {
                        return poses.get(i);
                    }
                    double span = times.get(i + 1) - times.get(i);
                    return Pose.between(poses.get(i), poses.get(i + 1), (t - times.get(i)) / span);
                }
            }
            return poses.get(0);
        }
    }

    private final Box face;

    /**
     * @param face where the face is in the subject's pictures (every rendering has the same size
     *             and the face in about the same place)
     */
    FakeCamera(Box face) {
        this.face = face;
    }

    /**
     * Writes {@code cycles} cycles of {@code script} to {@code file}, the subject drawn by
     * {@code look} (called once per distinct look).
     *
     * @return the video's length in seconds
     */
    double write(Path file, Script script, int cycles, Function<Pose, RgbImage> look) throws IOException {
        Map<String, RgbImage> looks = new HashMap<>();
        int frames = (int) Math.round(script.duration() * cycles * FPS);
        double scale = FACE_SHARE * HEIGHT / face.height();
        try (Y4mWriter video = new Y4mWriter(file, WIDTH, HEIGHT, FPS)) {
            RgbImage wall = null;
            int wallCycle = -1;
            for (int f = 0; f < frames; f++) {
                double t = (double) f / FPS;
                int cycle = (int) Math.floor(t / script.duration());
                if (cycle != wallCycle) {
                    wall = wall(cycle);
                    wallCycle = cycle;
                }
                double inCycle = t - cycle * script.duration();
                // Nobody stands in exactly the same spot twice: each cycle the person is a little nearer
                // or further and higher or lower (up to 4 % and 20 px), shifting smoothly at its start.
                double[] from = stance(cycle - 1);
                double[] to = stance(cycle);
                double k = Math.min(1, inCycle / STANCE_SHIFT);
                Pose pose = script.at(inCycle);
                RgbImage subject = looks.computeIfAbsent(pose.look(), key -> look.apply(pose));
                video.write(place(subject, wall, scale * (from[0] + k * (to[0] - from[0])), pose.offset(), from[1] + k * (to[1] - from[1])));
            }
        }
        return (double) frames / FPS;
    }

    /** Seconds over which the person moves to the next cycle's stance. */
    private static final double STANCE_SHIFT = 0.4;

    /** Where the person stands in a cycle: scale factor and how far higher, in pixels (none before the first). */
    private static double[] stance(int cycle) {
        if (cycle < 0) {
            return new double[] {1, 0};
        }
        SplittableRandom random = new SplittableRandom(2000L + cycle);
        return new double[] {0.96 + 0.08 * random.nextDouble(), 40 * (random.nextDouble() - 0.5)};
    }

    /** A softly patterned wall, different in every cycle. */
    static RgbImage wall(int cycle) {
        // SplittableRandom: java.util.Random's first values for neighbouring seeds are nearly equal.
        SplittableRandom random = new SplittableRandom(1000L + cycle);
        double fx = 0.6 + random.nextDouble();
        double fy = 0.4 + random.nextDouble();
        double px = random.nextDouble();
        double py = random.nextDouble();
        double tilt = random.nextDouble() - 0.5;
        int[] base = {150 + random.nextInt(40), 140 + random.nextInt(40), 125 + random.nextInt(40)};
        byte[] rgb = new byte[WIDTH * HEIGHT * 3];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double u = (double) x / WIDTH;
                double v = (double) y / HEIGHT;
                double shade = 1 + 0.28 * Math.sin(2 * Math.PI * (fx * u + tilt * v + px)) * Math.cos(2 * Math.PI * (fy * v + py));
                int i = 3 * (y * WIDTH + x);
                for (int c = 0; c < 3; c++) {
                    rgb[i + c] = (byte) Math.max(0, Math.min(255, Math.round(base[c] * shade)));
                }
            }
        }
        return new RgbImage(WIDTH, HEIGHT, rgb);
    }

    /** One frame: the subject over the wall, its face {@code share} of the frame's height, moved right by {@code offset}. */
    RgbImage frame(RgbImage subject, RgbImage wall, double share, double offset) {
        return place(subject, wall, share * HEIGHT / face.height(), offset, 0);
    }

    /**
     * The subject's picture scaled by {@code scale} over the wall, its face centred in the frame
     * and moved right by {@code offset} pixels; its edges fade into the wall.
     */
    private RgbImage place(RgbImage subject, RgbImage wall, double scale, double offset, double rise) {
        double ox = WIDTH / 2.0 + offset - scale * face.centerX();
        double oy = HEIGHT / 2.0 - rise - scale * face.centerY();
        byte[] out = wall.rgb().clone();
        byte[] src = subject.rgb();
        int sw = subject.width();
        int sh = subject.height();
        for (int y = 0; y < HEIGHT; y++) {
            double v = (y + 0.5 - oy) / scale - 0.5;
            if (v < 0 || v > sh - 1) {
                continue;
            }
            for (int x = 0; x < WIDTH; x++) {
                double u = (x + 0.5 - ox) / scale - 0.5;
                if (u < 0 || u > sw - 1) {
                    continue;
                }
                double edge = Math.min(Math.min(u, sw - 1 - u), Math.min(v, sh - 1 - v)) * scale;
                double alpha = Math.min(1, edge / FEATHER);
                int x0 = (int) u;
                int y0 = (int) v;
                int x1 = Math.min(x0 + 1, sw - 1);
                int y1 = Math.min(y0 + 1, sh - 1);
                double fx = u - x0;
                double fy = v - y0;
                int i = 3 * (y * WIDTH + x);
                for (int c = 0; c < 3; c++) {
                    double top = (src[3 * (y0 * sw + x0) + c] & 0xff) * (1 - fx) + (src[3 * (y0 * sw + x1) + c] & 0xff) * fx;
                    double bottom = (src[3 * (y1 * sw + x0) + c] & 0xff) * (1 - fx) + (src[3 * (y1 * sw + x1) + c] & 0xff) * fx;
                    double s = top * (1 - fy) + bottom * fy;
                    out[i + c] = (byte) Math.round(alpha * s + (1 - alpha) * (out[i + c] & 0xff));
                }
            }
        }
        return new RgbImage(WIDTH, HEIGHT, out);
    }
}
