package org.openliveness.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.devkit.synth.FaceRenderer;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.verdict.Burst;
import org.openliveness.engine.verdict.BurstFrame;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.engine.verdict.PhotoExaminer;
import org.openliveness.engine.verdict.PhotoProblem;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.SessionSoFar;
import org.openliveness.engine.verdict.SessionVerdict;
import org.openliveness.engine.verdict.UploadJudgement;

/**
 * The photos of a load run: for each session one JPEG per challenge, rendered from one portrait
 * with {@link FaceRenderer} and checked on the client before the run.
 *
 * <p><b>Rendering.</b> TURN_LEFT {@code turn(30+δ, δ')}, TURN_RIGHT {@code turn(−30+δ, δ')},
 * LOOK_UP {@code turn(δ, 20+δ')}, SMILE / BLINK / OPEN_MOUTH {@code render(δ, δ', {expression: 1})},
 * with δ, δ' uniform in ±{@value #JITTER_DEGREES}°, then framed by a crop at a random offset (the
 * person holding the phone a little differently each time) and lit by a gentle random gradient
 * (light from one side), encoded as JPEG quality 0.92. Every draw comes from a {@link Random}
 * seeded by (seed, session, draw number, challenge), so a seed always gives the same photos.
 *
 * <p><b>Checks.</b> Each photo is analysed as the server analyses an upload (same engine, same
 * bytes), and a photo is drawn again (next draw number) when (a) it has no single usable face,
 * (b) it could be taken for a repeat of an earlier photo of the run by the server's replay rule —
 * the service refuses a photo that repeats one of the tenant's sessions of the last 24 h, and
 * small random offsets alone repeat often — or (c) its challenge would not be met under the
 * default thresholds in some upload order (all of the session's photos when the verdict would
 * fail otherwise). Without (c) the run would partly measure how well the renderer imitates a
 * smile; with it the verdicts the server returns show whether the server judges as the engine does.
 */
final class LoadPhotos {

    /** Largest random yaw and pitch offset, degrees. */
    static final double JITTER_DEGREES = 3;
    /** Largest framing shift, as a fraction of the portrait's shorter side (and at most half the gap beside the face). */
    static final double FRAMING = 0.07;
    /** Largest |yaw| and |pitch| of a portrait that counts as frontal, degrees. */
    static final double FRONTAL_DEGREES = 25;
    static final float JPEG_QUALITY = 0.92f;
    /** Largest lighting slope across the photo, left to right and top to bottom (see {@link #light}). */
    static final double LIGHT_SIDE = 0.3;
    static final double LIGHT_TOP = 0.15;

    /**
     * Margins on the server's replay rule. The server analyses the same bytes with the same engine,
     * so on the same machine it computes the same fingerprint; the margins only cover numeric
     * differences of the models on another CPU. (Wider margins cost much: pairs of renderings near
     * the rule's edge are common, and each one found re-draws a session.)
     */
    private static final int EXTRA_HASH_BITS = 0;
    private static final double EXTRA_ANGLE = 0.1;
    private static final double EXTRA_SCORE = 0.01;

    /** A portrait that is not usable for a load run. */
    static final class PortraitException extends Exception {
        PortraitException(String message) {
            super(message);
        }
    }

    /** One photo of a session: its bytes and what the replay check compares. */
    record Photo(ChallengeType type, int attempt, byte[] jpeg, Fingerprint fingerprint) {
    }

    /** The photos of one session, one per challenge type. */
    record SessionPhotos(int index, Map<ChallengeType, Photo> photos) {
        Photo of(ChallengeType type) {
            return photos.get(type);
        }
    }

    /** One drawn photo: its draw number, bytes and the client's analysis ({@code evidence} null when it has no usable face). */
    private record Drawn(ChallengeType type, int attempt, byte[] jpeg, PhotoEvidence evidence, String problem) {
    }

    /** A candidate session (photos in the order of the types) and, when it fails a check, why and which photos to draw again. */
    private record Candidate(int index, List<Drawn> photos, String rejection, Set<ChallengeType> redraw) {
    }

    private final PhotoExaminer examiner;
    private final SessionJudge judge;
    private final FaceRenderer renderer;
    /** The portrait's face in a rendering's pixels, before its random framing shift (at the middle of its range). */
    private final Box faceInFrame;
    private final List<ChallengeType> types;
    private final long seed;
    private final int marginX;
    private final int marginY;

    LoadPhotos(PhotoExaminer examiner, SessionJudge judge, RgbImage portrait, FaceAnalysis face, List<ChallengeType> types, long seed) {
        this.examiner = examiner;
        this.judge = judge;
        this.renderer = new FaceRenderer(portrait, face);
        this.types = List.copyOf(types);
        this.seed = seed;
        Box box = face.box();
        double gapX = Math.min(box.x(), portrait.width() - box.x2());
        double gapY = Math.min(box.y(), portrait.height() - box.y2());
        int shorter = Math.min(portrait.width(), portrait.height());
        this.marginX = (int) Math.max(0, Math.floor(Math.min(FRAMING * shorter, gapX / 2)));
        this.marginY = (int) Math.max(0, Math.floor(Math.min(FRAMING * shorter, gapY / 2)));
        this.faceInFrame = new Box(box.x() - marginX, box.y() - marginY, box.width(), box.height());
    }

    /** The one frontal, usable face of a portrait, or why there is none. */
    static FaceAnalysis portraitFace(FaceEngine engine, SessionJudge judge, RgbImage image) throws PortraitException {
        List<FaceAnalysis> faces = engine.analyze(image);
        if (faces.size() != 1) {
            throw new PortraitException("found " + faces.size() + " faces; the load test needs a photo with exactly one frontal face");
        }
        FaceAnalysis f = faces.get(0);
        Optional<PhotoProblem> problem = judge.usable(faces);
        if (problem.isPresent()) {
            throw new PortraitException("the face is not usable (" + problem.get().reason() + ": " + problem.get().detail() + ")");
        }
        if (Math.abs(f.pose().yawDegrees()) > FRONTAL_DEGREES || Math.abs(f.pose().pitchDegrees()) > FRONTAL_DEGREES) {
            throw new PortraitException(String.format(Locale.ROOT,
                    "the face is not frontal (yaw %+.1f°, pitch %+.1f°; at most ±%.0f° each)",
                    f.pose().yawDegrees(), f.pose().pitchDegrees(), FRONTAL_DEGREES));
        }
        return f;
    }

    int marginX() {
        return marginX;
    }

    int marginY() {
        return marginY;
    }

    /** Renders draw {@code attempt} of the photo for {@code type} in session {@code index} and analyses it as the server would; thread-safe. */
    private Drawn draw(int index, ChallengeType type, int attempt) {
        byte[] jpeg = jpeg(frame(index, type, attempt, 1));
        // Exactly what the server does with an upload.
        Examination examined = examiner.examine(jpeg);
        return examined.isUsable() ? new Drawn(type, attempt, jpeg, examined.evidence(), null)
                : new Drawn(type, attempt, jpeg, null, examined.problem().reason().name());
    }

    /**
     * Draw {@code attempt} of challenge {@code type} in session {@code index}, {@code done} of the
     * way through its movement (0 = the jittered start pose, 1 = the photo {@link #draw} takes), with
     * the draw's framing and light: the photos of a burst are the same draw at increasing {@code done}.
     */
    private RgbImage frame(int index, ChallengeType type, int attempt, double done) {
        Random random = new Random(mix(seed, index, attempt, type.ordinal()));
        double d1 = (2 * random.nextDouble() - 1) * JITTER_DEGREES;
        double d2 = (2 * random.nextDouble() - 1) * JITTER_DEGREES;
        RgbImage image = switch (type) {
            // A burst's turn starts 15° the other way: the renderer gives less parallax than a real head,
            // and a 30° span alone reads as flat to the planarity check (see CALIBRATION.md).
            case TURN_LEFT -> renderer.turn(-15 + 45 * done + d1, d2);
            case TURN_RIGHT -> renderer.turn(15 - 45 * done + d1, d2);
            case LOOK_UP -> renderer.turn(d1, 20 * done + d2);
            case SMILE -> renderer.render(d1, d2, Map.of(Expression.SMILE, done));
            case BLINK -> renderer.render(d1, d2, Map.of(Expression.EYES_CLOSED, done));
            case OPEN_MOUTH -> renderer.render(d1, d2, Map.of(Expression.MOUTH_OPEN, done));
            case LIGHT -> throw new IllegalArgumentException("the screen-light challenge needs colours drawn by the service; load does not send it");
        };
        image = ImageFiles.crop(image, random.nextInt(2 * marginX + 1), random.nextInt(2 * marginY + 1),
                image.width() - 2 * marginX, image.height() - 2 * marginY);
        return light(image, (2 * random.nextDouble() - 1) * LIGHT_SIDE, (2 * random.nextDouble() - 1) * LIGHT_TOP);
    }

    /**
     * The burst of {@code frames} frames recorded during the movement that ends in the photo of
     * {@code photo}, each a {@code width} × {@code height} camera frame ({@link #framed}), as JPEGs;
     * thread-safe.
     */
    List<byte[]> burst(int index, Photo photo, int frames, int width, int height) {
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            RgbImage f = frame(index, photo.type(), photo.attempt(), (double) k / (frames - 1));
            out.add(jpeg(framed(f, faceInFrame, width, height)));
        }
        return out;
    }

    /**
     * Face height over the camera frame's height in a burst frame: the middle of the band the
     * capture component waits for before it shows a challenge (its preview says "come closer" under
     * 0.3 and "move back" over 0.8, see {@code SessionJudge.preview}).
     */
    static final double FACE_SHARE = 0.55;
    /** Where the capture component's oval centres the face: half-way across, 46 % down. */
    static final double FACE_CENTRE_Y = 0.46;

    /**
     * A rendering seen by the camera as the capture component has the person stand: scaled so that
     * the face ({@code face}, in the rendering's pixels) is {@value #FACE_SHARE} of the frame's
     * height, its centre on the oval's; beyond the rendering's edges its border pixels go on (a
     * plain wall). The rendering's random framing shifts move the face a little from frame to frame
     * of different draws, as a hand-held phone does.
     */
    static RgbImage framed(RgbImage image, Box face, int width, int height) {
        double scale = FACE_SHARE * height / face.height();
        double left = width / 2.0 - scale * face.centerX();
        double top = FACE_CENTRE_Y * height - scale * face.centerY();
        byte[] src = image.rgb();
        byte[] out = new byte[width * height * 3];
        for (int v = 0; v < height; v++) {
            double y = Math.min(image.height() - 1, Math.max(0, (v + 0.5 - top) / scale - 0.5));
            int y0 = (int) y;
            int y1 = Math.min(image.height() - 1, y0 + 1);
            double fy = y - y0;
            for (int u = 0; u < width; u++) {
                double x = Math.min(image.width() - 1, Math.max(0, (u + 0.5 - left) / scale - 0.5));
                int x0 = (int) x;
                int x1 = Math.min(image.width() - 1, x0 + 1);
                double fx = x - x0;
                for (int c = 0; c < 3; c++) {
                    double a = (src[3 * (y0 * image.width() + x0) + c] & 0xff) * (1 - fx) + (src[3 * (y0 * image.width() + x1) + c] & 0xff) * fx;
                    double b = (src[3 * (y1 * image.width() + x0) + c] & 0xff) * (1 - fx) + (src[3 * (y1 * image.width() + x1) + c] & 0xff) * fx;
                    out[3 * (v * width + u) + c] = (byte) Math.round(a * (1 - fy) + b * fy);
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** The session with the photos of {@code redraw} drawn again (all of them when {@code previous} is null), checked on its own. */
    private Candidate candidate(int index, List<Drawn> previous, Set<ChallengeType> redraw) {
        List<Drawn> photos = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            ChallengeType type = types.get(i);
            if (previous == null) {
                photos.add(draw(index, type, 0));
            } else if (redraw.contains(type)) {
                photos.add(draw(index, type, previous.get(i).attempt() + 1));
            } else {
                photos.add(previous.get(i));
            }
        }
        Set<ChallengeType> unusable = EnumSet.noneOf(ChallengeType.class);
        String problem = null;
        for (Drawn d : photos) {
            if (d.evidence() == null) {
                unusable.add(d.type());
                problem = problem != null ? problem : "no usable face (" + d.problem() + ")";
            }
        }
        if (problem != null) {
            return new Candidate(index, photos, problem, unusable);
        }
        // Uploaded in any order (the server returns the challenges in a random order), every photo
        // must be accepted as the server's judge decides an upload, and the verdict must be alive.
        for (List<Integer> order : orders(types.size())) {
            List<SessionSoFar.Challenge> session = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                session.add(new SessionSoFar.Challenge("c" + i, types.get(i), 0, null));
            }
            UploadJudgement last = null;
            for (int i : order) {
                PhotoEvidence evidence = photos.get(i).evidence();
                last = judge.upload(new SessionSoFar(session, null), "c" + i, Examination.usable(evidence), List.of());
                if (!last.accepted()) {
                    return new Candidate(index, photos, "would fail: " + types.get(i) + " " + last.outcome().failureReason(),
                            EnumSet.of(types.get(i)));
                }
                session.set(i, new SessionSoFar.Challenge("c" + i, types.get(i), 1, evidence));
            }
            SessionVerdict v = last.verdict();
            if (!v.alive()) {
                return new Candidate(index, photos, "would fail: " + v.failureReason(), EnumSet.copyOf(types));
            }
        }
        return new Candidate(index, photos, null, Set.of());
    }

    /** The accepted sessions of a run and what it took to draw them. */
    record Rendered(List<SessionPhotos> sessions, int photosDrawn, Map<String, Integer> redrawn, double seconds) {
        int photos() {
            return sessions.stream().mapToInt(s -> s.photos().size()).sum();
        }
    }

    /** Drawing the photos failed: the portrait or the challenge types cannot give enough passing, distinct sessions. */
    static final class RenderException extends Exception {
        RenderException(String message) {
            super(message);
        }
    }

    /** Reports progress: sessions accepted so far. */
    interface Progress {
        void accepted(int done, int total, int photosDrawn, double seconds);
    }

    /** Most checks of one session (each after drawing some of its photos again) before the run gives up. */
    static final int MAX_ROUNDS = 12;

    /**
     * Draws {@code count} sessions on {@code threads} threads. A session that fails a check has
     * only the photos at fault drawn again. Candidates are drawn in parallel and accepted in
     * session order, so the result depends only on the seed.
     */
    Rendered renderRun(int count, int threads, Progress progress) throws RenderException, InterruptedException {
        long start = System.nanoTime();
        int maxBits = judge.thresholds().replayMaxHashDistance();
        List<SessionPhotos> accepted = new ArrayList<>(count);
        List<Fingerprint> fingerprints = new ArrayList<>();
        Map<String, Integer> redrawn = new TreeMap<>();
        int photosDrawn = 0;
        int checks = 0;
        int chunk = Math.max(8, 4 * threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load-render");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < count; from += chunk) {
                int to = Math.min(count, from + chunk);
                Map<Integer, List<Drawn>> current = new TreeMap<>();
                Map<Integer, Set<ChallengeType>> pending = new TreeMap<>();
                Map<Integer, Integer> rounds = new TreeMap<>();
                for (int i = from; i < to; i++) {
                    pending.put(i, EnumSet.copyOf(types));
                    rounds.put(i, 0);
                }
                Map<Integer, SessionPhotos> done = new TreeMap<>();
                while (!pending.isEmpty()) {
                    Map<Integer, Future<Candidate>> futures = new TreeMap<>();
                    pending.forEach((i, redraw) -> {
                        List<Drawn> previous = current.get(i);
                        futures.put(i, pool.submit(() -> candidate(i, previous, redraw)));
                    });
                    for (var entry : futures.entrySet()) {
                        int i = entry.getKey();
                        Candidate c;
                        try {
                            c = entry.getValue().get();
                        } catch (ExecutionException e) {
                            throw new RenderException("rendering failed: " + e.getCause());
                        }
                        photosDrawn += pending.get(i).size();
                        checks++;
                        current.put(i, c.photos());
                        String why = c.rejection();
                        Set<ChallengeType> redraw = c.redraw();
                        if (why == null) {
                            redraw = repeats(c.photos(), fingerprints, maxBits);
                            why = redraw.isEmpty() ? null : "like a photo of an earlier session";
                        }
                        if (why == null) {
                            Map<ChallengeType, Photo> photos = new EnumMap<>(ChallengeType.class);
                            for (Drawn d : c.photos()) {
                                photos.put(d.type(), new Photo(d.type(), d.attempt(), d.jpeg(), d.evidence().fingerprint()));
                                fingerprints.add(d.evidence().fingerprint());
                            }
                            done.put(i, new SessionPhotos(i, photos));
                            pending.remove(i);
                            current.remove(i);
                        } else {
                            int round = rounds.merge(i, 1, Integer::sum);
                            redrawn.merge(why, round >= 3 ? types.size() : redraw.size(), Integer::sum);
                            if (round >= MAX_ROUNDS) {
                                throw new RenderException("session " + (i + 1) + " still failed the client-side checks after "
                                        + MAX_ROUNDS + " rounds; photos re-drawn so far: " + redrawn
                                        + ". Use another portrait, other --challenges or fewer --sessions.");
                            }
                            // A photo that keeps failing may be held back by the others: from the fourth round on, draw them all.
                            pending.put(i, round >= 3 ? EnumSet.copyOf(types) : redraw);
                        }
                    }
                    int passed = accepted.size() + done.size();
                    if (checks >= 24 && passed < checks / 8) {
                        throw new RenderException("only " + passed + " of " + checks + " checked sessions passed the client-side"
                                + " checks; photos re-drawn: " + redrawn + ". Use another portrait or other --challenges.");
                    }
                }
                accepted.addAll(done.values());
                progress.accepted(accepted.size(), count, photosDrawn, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            stop(pool);
        }
        return new Rendered(List.copyOf(accepted), photosDrawn, redrawn, (System.nanoTime() - start) / 1e9);
    }

    /** Milliseconds between the frames of a burst as {@code load} sends them. */
    static final int FRAME_INTERVAL_MS = 100;

    /**
     * Of sessions whose bursts are rendered ({@code bursts}: session index → challenge → frames, as
     * sent), the first {@code count}, in order, that the server would accept and cannot take for
     * replays of one another. Each burst is examined as the server examines it, and the session
     * judged with its bursts in every upload order: every burst must be accepted and the verdict
     * alive (the bursts are cut from the renderings, whose measures differ a little from the whole
     * photos checked before). No frame of a kept session's burst may look like the answer frame of
     * another of its challenges or of another kept session, either way round (the server compares
     * every frame of a burst with the answers the tenant has accepted, and two clients interleave the
     * sessions). Examined on {@code threads} threads.
     *
     * @return the kept sessions' indices, at most {@code count}, and why the others examined were dropped
     */
    KeptBursts distinctBursts(Map<Integer, Map<ChallengeType, List<byte[]>>> bursts, int count, int threads)
            throws InterruptedException, RenderException {
        int maxBits = judge.thresholds().replayMaxHashDistance();
        record Examined(Map<ChallengeType, List<Fingerprint>> frames, Map<ChallengeType, Fingerprint> answers, String fails) {
            List<Fingerprint> allFrames() {
                return frames.values().stream().flatMap(List::stream).toList();
            }

            /** A frame of one challenge's burst like the answer of another challenge of the session. */
            boolean ownClash(int maxBits) {
                return frames.entrySet().stream().anyMatch(f -> answers.entrySet().stream()
                        .anyMatch(a -> a.getKey() != f.getKey() && similarAny(f.getValue(), List.of(a.getValue()), maxBits)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load-bursts");
            t.setDaemon(true);
            return t;
        });
        Map<Integer, Future<Examined>> futures = new TreeMap<>();
        try {
            bursts.forEach((index, byType) -> futures.put(index, pool.submit(() -> {
                Map<ChallengeType, List<Fingerprint>> frames = new EnumMap<>(ChallengeType.class);
                Map<ChallengeType, Fingerprint> answers = new EnumMap<>(ChallengeType.class);
                Map<ChallengeType, Burst> judged = new EnumMap<>(ChallengeType.class);
                byType.forEach((type, jpegs) -> {
                    // As the server: every frame without what only the answer frame needs, then the answer frame completed.
                    List<BurstFrame> partial = jpegs.stream().map(jpeg -> examiner.examineBurstFrame(jpeg, type)).toList();
                    List<Examination> examined = new ArrayList<>(partial.stream().map(BurstFrame::examination).toList());
                    int answerIndex = judge.answerFrame(type, List.copyOf(examined));
                    examined.set(answerIndex, examiner.examineAnswer(partial.get(answerIndex)));
                    frames.put(type, examined.stream().filter(Examination::isUsable).map(e -> e.evidence().fingerprint()).toList());
                    Examination answer = examined.get(answerIndex);
                    if (answer.isUsable()) {
                        answers.put(type, answer.evidence().fingerprint());
                    }
                    long[] times = new long[jpegs.size()];
                    for (int i = 0; i < times.length; i++) {
                        times[i] = (long) FRAME_INTERVAL_MS * i;
                    }
                    judged.put(type, new Burst(examined, times, null));
                });
                return new Examined(frames, answers, failureInSomeOrder(judged));
            })));
            List<Integer> kept = new ArrayList<>();
            Map<String, Integer> dropped = new TreeMap<>();
            List<Examined> keptExamined = new ArrayList<>();
            for (var entry : futures.entrySet()) {
                if (kept.size() == count) {
                    break;
                }
                Examined e;
                try {
                    e = entry.getValue().get();
                } catch (ExecutionException ex) {
                    throw new RenderException("examining the bursts failed: " + ex.getCause());
                }
                String drop = e.fails() != null ? e.fails()
                        : e.answers().size() < types.size() ? "an answer frame without a usable face"
                        : e.ownClash(maxBits) ? "a frame like another challenge's answer"
                        : keptExamined.stream().anyMatch(k -> similarAny(e.allFrames(), k.answers().values(), maxBits)
                                || similarAny(k.allFrames(), e.answers().values(), maxBits)) ? "a frame like another session's answer"
                        : null;
                if (drop == null) {
                    kept.add(entry.getKey());
                    keptExamined.add(e);
                } else {
                    dropped.merge(drop, 1, Integer::sum);
                }
            }
            return new KeptBursts(kept, dropped);
        } finally {
            stop(pool);
        }
    }

    /** The sessions {@link #distinctBursts} keeps, and how many it dropped for each reason. */
    record KeptBursts(List<Integer> kept, Map<String, Integer> dropped) {
    }

    /** Why a session of these bursts fails in some upload order (a burst refused, or the verdict), or null when none does. */
    private String failureInSomeOrder(Map<ChallengeType, Burst> bursts) {
        for (List<Integer> order : orders(types.size())) {
            List<SessionSoFar.Challenge> session = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                session.add(new SessionSoFar.Challenge("c" + i, types.get(i), 0, null));
            }
            UploadJudgement last = null;
            for (int i : order) {
                last = judge.uploadBurst(new SessionSoFar(session, null), "c" + i, bursts.get(types.get(i)), List.of());
                if (!last.accepted()) {
                    return "burst refused: " + types.get(i) + " " + last.outcome().failureReason();
                }
                Examination answer = bursts.get(types.get(i)).frames().get(last.burst().answerFrame());
                session.set(i, new SessionSoFar.Challenge("c" + i, types.get(i), 1, answer.evidence(), last.burst()));
            }
            if (!last.verdict().alive()) {
                return "verdict: " + last.verdict().failureReason();
            }
        }
        return null;
    }

    private static boolean similarAny(List<Fingerprint> frames, Collection<Fingerprint> answers, int maxBits) {
        return frames.stream().anyMatch(f -> answers.stream().anyMatch(a -> tooSimilar(f, a, maxBits)));
    }

    /**
     * Stops a pool of analysis threads and waits for the tasks already running: the caller closes
     * the engine next, and an ONNX session closed under a running inference crashes the JVM.
     */
    private static void stop(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new IllegalStateException("analysis threads still running after 5 minutes");
        }
    }

    /**
     * The types whose photo could be taken for a repeat of an earlier photo of the run or of an
     * earlier photo of the same session (the later one of the pair); empty when none.
     */
    private static Set<ChallengeType> repeats(List<Drawn> photos, List<Fingerprint> earlier, int maxBits) {
        Set<ChallengeType> out = EnumSet.noneOf(ChallengeType.class);
        List<Fingerprint> own = new ArrayList<>();
        for (Drawn d : photos) {
            Fingerprint fp = d.evidence().fingerprint();
            boolean repeat = own.stream().anyMatch(e -> tooSimilar(fp, e, maxBits))
                    || earlier.stream().anyMatch(e -> tooSimilar(fp, e, maxBits));
            if (repeat) {
                out.add(d.type());
            }
            own.add(fp);
        }
        return out;
    }

    /** Whether {@code a} and {@code b} could be the same picture to the server (its replay rule plus a margin). */
    static boolean tooSimilar(Fingerprint a, Fingerprint b, int maxBits) {
        return a.samePictureAs(b, maxBits + EXTRA_HASH_BITS, EXTRA_ANGLE, EXTRA_SCORE);
    }

    private static List<List<Integer>> orders(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    private static long mix(long seed, int index, int attempt, int type) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ index) * 0xBF58476D1CE4E5B9L;
        h = (h ^ attempt) * 0x94D049BB133111EBL;
        h = (h ^ type) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    /**
     * The image lit a little from one side: each pixel times {@code 1 + gx·(x/w − ½) + gy·(y/h − ½)}.
     * Real captures never repeat their lighting; the photo hashes of the replay check compare
     * neighbouring brightness, so this keeps renderings of similar pose apart.
     */
    static RgbImage light(RgbImage image, double gx, double gy) {
        int w = image.width();
        int h = image.height();
        byte[] in = image.rgb();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            double row = 1 + gy * ((double) y / h - 0.5);
            for (int x = 0; x < w; x++) {
                double f = row + gx * ((double) x / w - 0.5);
                int i = 3 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    out[i + k] = (byte) Math.max(0, Math.min(255, (int) Math.round((in[i + k] & 0xff) * f)));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** JPEG at {@value #JPEG_QUALITY} quality. */
    static byte[] jpeg(RgbImage image) {
        return ImageFiles.jpeg(image, JPEG_QUALITY);
    }
}
