package org.openliveness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.ModelException;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.EnginePhotoExaminer;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.VerdictThresholds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code load}: runs liveness sessions against a running service with concurrent clients and
 * reports latency, throughput, errors and verdicts. The photos are rendered from one portrait
 * before the run ({@link LoadPhotos}), so the clients only send bytes while they are timed.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load-test a running service. Renders photos of one person performing",
            "the challenges from a portrait, then runs liveness sessions (create, then",
            "one photo per challenge) with concurrent clients and prints errors,",
            "verdicts, latency percentiles and throughput.",
            "Every photo is a distinct rendering (random ±3° head offsets, framing and",
            "lighting), analysed on the client and drawn again when it would repeat",
            "another or its session would not pass under the default thresholds.",
            "The service refuses a photo that repeats one of the same tenant's",
            "sessions of the last 24 h: use a new tenant (API key) for every run.",
            "Exit status: 0 when every request got its expected answer, 1 otherwise,",
            "2 on bad arguments."})
final class LoadCommand implements Callable<Integer> {

    static final String BASE = "/v1/verifications/liveness";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** How long after --max-seconds sessions in flight may still finish before they are cut off. */
    private static final Duration GRACE = Duration.ofSeconds(120);
    static final int MAX_SESSIONS = 500;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "the service (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", required = true,
            description = "an API key with the liveness scope; best a new tenant's (see above). With --duration, give one"
                    + " per pass over the rendered sessions (repeat the option): pass n uses the n-th key, so no photo repeats"
                    + " within a tenant; the last key is reused when they run out (its photos are then replays)")
    List<String> apiKeys;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "run for this long (e.g. 10m, 90s) instead of --sessions sessions: the --sessions rendered sessions"
                    + " are sent again and again (a soak); figures per minute are printed")
    Duration duration;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "start at most this many sessions a second, across the clients (default 0: as fast as the clients go)")
    double rate;

    @Option(names = "--photo", paramLabel = "PORTRAIT.jpg", required = true,
            description = "a photo with exactly one frontal face; every session's photos are rendered from it")
    Path photo;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "200",
            description = "sessions to run, 1.." + MAX_SESSIONS + " (default ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "concurrent clients, each running one session at a time (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--challenges", paramLabel = "TYPE", split = ",", defaultValue = "TURN_LEFT,SMILE,OPEN_MOUTH",
            description = "the challenges of every session, 2 or 3 of ${COMPLETION-CANDIDATES}, with a turn (default ${DEFAULT-VALUE})")
    List<ChallengeType> challenges;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the rendering offsets (default ${DEFAULT-VALUE}); the same seed gives the same photos")
    long seed;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "600",
            description = "stop starting sessions after this many seconds of sending (default ${DEFAULT-VALUE});"
                    + " sessions in flight finish, for at most " + 120 + " s more")
    int maxSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures, and every session, as JSON to FILE")
    Path json;

    @Option(names = "--burst-frames", paramLabel = "N", defaultValue = "0",
            description = "answer each challenge with a burst of N frames (3..15, each " + BURST_WIDTH + " × " + BURST_HEIGHT
                    + " px, as the capture component asks the camera for, the face 0.55 of the frame's height in its oval, 100 ms"
                    + " apart) after challenge/start, instead of one photo (default 0: photos); the photo figures are then"
                    + " burst uploads. Sessions the server would not accept are left out before the run")
    int burstFrames;

    /** Size of a burst frame: what the capture component asks the camera for (the portrait in the middle). */
    static final int BURST_WIDTH = 640;
    static final int BURST_HEIGHT = 480;
    private Map<Integer, Map<ChallengeType, List<byte[]>>> bursts = Map.of();

    private URI base;
    private List<LoadPhotos.SessionPhotos> rendered;
    private LoadStats stats;
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final AtomicInteger nextSession = new AtomicInteger();
    private volatile long deadline;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = validate();
        stats = new LoadStats(challenges.size());
        if (problem != null) {
            err.println("error: " + problem);
            return 2;
        }
        byte[] portraitBytes;
        try {
            portraitBytes = Files.readAllBytes(photo);
        } catch (IOException e) {
            err.println("error: cannot read " + photo + ": " + e);
            return 2;
        }
        String preflight = preflight();
        if (preflight != null) {
            err.println("error: " + preflight);
            return 1;
        }

        Map<String, Object> machine = machine();
        out.printf(Locale.ROOT, "load test of %s: %d sessions of %s, %d clients, seed %d, at most %d s%n", base, sessions,
                String.join("+", challenges.stream().map(Enum::name).toList()), clients, seed, maxSeconds);
        out.printf(Locale.ROOT, "machine: %s processors, Java %s (%s), %s %s, load average %s%n", machine.get("processors"),
                machine.get("javaVersion"), machine.get("javaVm"), machine.get("os"), machine.get("arch"), loadAverage());
        out.flush();

        SessionJudge judge = new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES);
        LoadPhotos.Rendered photos;
        Map<String, Object> portraitInfo = new LinkedHashMap<>();
        try (FaceEngine engine = FaceEngine.create(EngineConfig.DEFAULTS)) {
            RgbImage image;
            FaceAnalysis face;
            try {
                image = engine.decode(portraitBytes).image();
                face = LoadPhotos.portraitFace(engine, judge, image);
            } catch (ImageException e) {
                err.println("error: " + photo + ": " + e.getMessage());
                return 2;
            } catch (LoadPhotos.PortraitException e) {
                err.println("error: " + photo + ": " + e.getMessage());
                return 2;
            }
            LoadPhotos maker = new LoadPhotos(new EnginePhotoExaminer(engine, judge), judge, image, face, challenges, seed);
            portraitInfo.put("file", photo.toString());
            portraitInfo.put("width", image.width());
            portraitInfo.put("height", image.height());
            portraitInfo.put("yaw", LoadStats.round(face.pose().yawDegrees()));
            portraitInfo.put("pitch", LoadStats.round(face.pose().pitchDegrees()));
            int threads = Runtime.getRuntime().availableProcessors();
            out.printf(Locale.ROOT, "portrait %s: %dx%d, one face (yaw %+.1f°, pitch %+.1f°); framing shifts up to %d/%d px%n",
                    photo, image.width(), image.height(), face.pose().yawDegrees(), face.pose().pitchDegrees(),
                    maker.marginX(), maker.marginY());
            out.printf(Locale.ROOT, "rendering %d photos (%d sessions × %d) on %d threads; each is analysed on the client too...%n",
                    sessions * challenges.size(), sessions, challenges.size(), threads);
            out.flush();
            int[] lastTenth = {0};
            // With bursts, spare sessions: after the bursts are examined, those the server would not
            // accept (bursts cut from the renderings pass less often than the renderings checked whole,
            // about half of them with the default challenges: the smile reads weaker; three times as many
            // are drawn) or whose frames it could take for replays of another's answers are left out.
            int drawn = burstFrames > 0 ? 3 * sessions + 6 : sessions;
            try {
                photos = maker.renderRun(drawn, threads, (done, total, drawnPhotos, seconds) -> {
                    int tenth = done * 10 / total;
                    if (tenth > lastTenth[0]) {
                        lastTenth[0] = tenth;
                        out.printf(Locale.ROOT, "  [%3d%%] %d/%d sessions rendered, %.1f s (%d photos drawn)%n",
                                done * 100 / total, done, total, seconds, drawnPhotos);
                        out.flush();
                    }
                });
            } catch (LoadPhotos.RenderException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            if (burstFrames > 0) {
                long t0 = System.nanoTime();
                bursts = renderBursts(photos.sessions(), maker);
                out.printf(Locale.ROOT, "rendered %d bursts of %d frames in %.1f s; examining every frame for look-alikes...%n",
                        drawn * challenges.size(), burstFrames, (System.nanoTime() - t0) / 1e9);
                out.flush();
                LoadPhotos.KeptBursts examined = maker.distinctBursts(bursts, sessions, threads);
                Set<Integer> kept = new HashSet<>(examined.kept());
                if (kept.size() < sessions) {
                    err.printf(Locale.ROOT, "error: only %d of %d rendered sessions have bursts the server would accept and cannot"
                            + " take for replays of each other (dropped: %s); ask for fewer --sessions or use another portrait%n",
                            kept.size(), drawn, examined.dropped());
                    return 1;
                }
                List<LoadPhotos.SessionPhotos> keptSessions = photos.sessions().stream().filter(p -> kept.contains(p.index())).toList();
                Map<Integer, Map<ChallengeType, List<byte[]>>> renumbered = new HashMap<>();
                for (int i = 0; i < keptSessions.size(); i++) {
                    renumbered.put(i, bursts.get(keptSessions.get(i).index()));
                }
                bursts = renumbered;
                out.printf(Locale.ROOT, "kept the first %d of %d rendered sessions whose bursts pass and are not look-alikes"
                        + " (%.1f s; dropped before them: %s)%n", sessions, drawn, (System.nanoTime() - t0) / 1e9, examined.dropped());
                photos = new LoadPhotos.Rendered(keptSessions, photos.photosDrawn(), photos.redrawn(), photos.seconds());
                out.flush();
            }
        } catch (ModelException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        rendered = photos.sessions();
        int redrawn = photos.photosDrawn() - photos.photos();
        out.printf(Locale.ROOT, "rendered %d photos in %.1f s (%.0f ms per photo drawn, rendering and client-side analysis);"
                        + " %d of %d drawn photos re-drawn%s%n", photos.photos(), photos.seconds(),
                1000 * photos.seconds() / Math.max(1, photos.photosDrawn()), redrawn, photos.photosDrawn(),
                redrawn == 0 ? "" : ": " + photos.redrawn());
        out.flush();

        // ---- the run ----
        out.printf(Locale.ROOT, "running %d sessions with %d clients...%n", sessions, clients);
        out.flush();
        Instant startedAt = Instant.now();
        machine.put("loadAverageAtStart", loadAverage());
        long start = System.nanoTime();
        stats.runStartsNow();
        deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        long hardStop = deadline + GRACE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        for (int c = 0; c < clients; c++) {
            pool.submit(this::runClient);
        }
        pool.shutdown();
        int lastTenth = 0;
        boolean cutOff = false;
        while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            int done = stats.sessionsDone();
            double elapsed = (now - start) / 1e9;
            double fraction = duration != null ? elapsed / maxSeconds : Math.max((double) done / sessions, elapsed / maxSeconds);
            int tenth = (int) Math.min(10, Math.floor(fraction * 10));
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                progress(out, done, elapsed);
            }
            if (now > hardStop) {
                cutOff = true;
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        machine.put("loadAverageAtEnd", loadAverage());
        progress(out, stats.sessionsDone(), seconds);

        String stoppedBy;
        if (fatal.get() != null) {
            stoppedBy = "stopped early: " + fatal.get();
        } else if (cutOff) {
            stoppedBy = "time limit of " + maxSeconds + " s reached; sessions still running " + GRACE.toSeconds() + " s later were cut off";
        } else if (duration != null) {
            stoppedBy = "duration of " + maxSeconds + " s reached";
        } else if (stats.sessionsDone() < sessions) {
            stoppedBy = "time limit of " + maxSeconds + " s reached";
        } else {
            stoppedBy = "all sessions run";
        }
        Map<String, Object> report = report(machine, portraitInfo, photos, startedAt, seconds, stoppedBy);
        print(out, report);
        if (json != null) {
            try {
                Files.writeString(json, JSON.writeValueAsString(report) + "\n");
                out.println("JSON written to " + json);
            } catch (IOException e) {
                err.println("error: cannot write " + json + ": " + e);
                out.flush();
                return 1;
            }
        }
        out.flush();
        return stats.errorCount() == 0 && fatal.get() == null && !cutOff ? 0 : 1;
    }

    private void progress(PrintWriter out, int done, double elapsed) {
        double p50 = stats.photoMedianSinceLastCall();
        out.printf(Locale.ROOT, "  [%3d%%] %d/%d sessions, %.1f s, %.2f sessions/s, photo p50 %s ms (since the last line), errors %d%n",
                Math.min(100, Math.max(done * 100 / sessions, (int) (elapsed * 100 / maxSeconds))), done, sessions, elapsed,
                done / Math.max(elapsed, 1e-9), Double.isNaN(p50) ? "-" : String.format(Locale.ROOT, "%.0f", p50), stats.errorCount());
        out.flush();
    }

    private String validate() {
        if (sessions < 1 || sessions > MAX_SESSIONS) {
            return "--sessions must be between 1 and " + MAX_SESSIONS + " (the photos are rendered in memory first), got " + sessions;
        }
        if (clients < 1 || clients > 256) {
            return "--clients must be between 1 and 256, got " + clients;
        }
        if (maxSeconds < 1 || maxSeconds > 86_400) {
            return "--max-seconds must be between 1 and 86400, got " + maxSeconds;
        }
        Set<ChallengeType> distinct = challenges.isEmpty() ? Set.of() : EnumSet.copyOf(challenges);
        if (distinct.size() != challenges.size()) {
            return "--challenges names a type twice: " + challenges;
        }
        if (challenges.size() < 2 || challenges.size() > 3) {
            return "--challenges needs 2 or 3 types (a session has 2 or 3 challenges), got " + challenges.size();
        }
        if (challenges.stream().noneMatch(ChallengeType::isTurn)) {
            return "--challenges must include TURN_LEFT or TURN_RIGHT (the service requires a head turn)";
        }
        if (burstFrames != 0 && (burstFrames < 3 || burstFrames > 15)) {
            return "--burst-frames must be 0 (photos) or 3..15, got " + burstFrames;
        }
        if (challenges.stream().anyMatch(ChallengeType::needsBurst)) {
            return "--challenges cannot include LIGHT: it needs a burst of frames, and load sends one photo per challenge";
        }
        try {
            URI u = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getQuery() != null || u.getFragment() != null) {
                return "--url must be an http:// or https:// address such as http://127.0.0.1:8080, got " + url;
            }
            base = u;
        } catch (URISyntaxException e) {
            return "--url is not a valid address: " + url;
        }
        if (apiKeys.stream().anyMatch(String::isBlank)) {
            return "--api-key is empty";
        }
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.toSeconds() > 86_400)) {
            return "--duration must be between 1 s and 24 h, got " + duration;
        }
        if (rate < 0) {
            return "--rate must not be negative, got " + rate;
        }
        if (duration != null) {
            maxSeconds = (int) Math.max(1, duration.toSeconds());
        }
        if (!Files.isRegularFile(photo)) {
            return "--photo " + photo + " is not a file";
        }
        if (json != null && json.toAbsolutePath().getParent() != null && !Files.isDirectory(json.toAbsolutePath().getParent())) {
            return "--json: the folder of " + json + " does not exist";
        }
        return null;
    }

    /** Checks that the service answers and takes the key, before the photos are rendered; null when it does. */
    private String preflight() throws InterruptedException {
        HttpClient http = httpClient();
        HttpRequest request = HttpRequest.newBuilder(uri(BASE + "/user/load-preflight?page=1&limit=1"))
                .timeout(REQUEST_TIMEOUT).header("X-API-Key", apiKeys.get(0)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                return "the service refused the API key: " + r.statusCode() + " " + problem(r.body());
            }
            if (r.statusCode() != 200) {
                return "unexpected answer from " + request.uri() + ": " + r.statusCode() + " " + problem(r.body())
                        + " (is --url an OpenLiveness service?)";
            }
            return null;
        } catch (IOException e) {
            return "cannot reach " + base + ": " + e + " (is the service running? start it with `openliveness serve`)";
        }
    }

    private static String problem(String body) {
        try {
            JsonNode j = JSON.readTree(body);
            String code = j.path("code").asText("");
            String detail = j.path("detail").asText("");
            return (code + " " + detail).strip();
        } catch (JsonProcessingException | RuntimeException e) {
            return "";
        }
    }

    private HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    // ---- clients ----

    /** One client: its own connection, one session at a time until the sessions or the time run out. */
    private void runClient() {
        HttpClient http = httpClient();
        while (fatal.get() == null && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            int index = nextSession.getAndIncrement();
            if (index >= sessions && duration == null) {
                return;
            }
            if (!awaitSlot()) {
                return;
            }
            stats.session(runSession(http, index));
        }
    }

    private long nextSlot;

    /** Waits for this session's start under --rate; false when the run's time is up first. */
    private boolean awaitSlot() {
        if (rate <= 0) {
            return true;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + (long) (1e9 / rate);
        }
        if (slot >= deadline) {
            return false;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** {@code 10m}, {@code 90s}, {@code 1h} or ISO-8601 ({@code PT10M}). */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.matches("\\d+[smh]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** A reply: status, parsed body (null when not JSON), client-side time and any Server-Timing metrics. */
    private record Reply(int status, JsonNode json, double ms, Map<String, Double> serverTiming) {
        String code() {
            return json == null ? "" : json.path("code").asText("");
        }

        String detail() {
            return json == null ? "" : json.path("detail").asText("");
        }
    }

    private Reply exchange(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        double ms = (System.nanoTime() - t0) / 1e6;
        JsonNode body;
        try {
            body = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        Map<String, Double> timing = serverTiming(r.headers());
        if (!timing.isEmpty()) {
            stats.serverTiming(timing);
        }
        return new Reply(r.statusCode(), body, ms, timing);
    }

    /** The {@code dur} of each metric of the Server-Timing headers (RFC: {@code name;dur=12.3;desc="..."}). */
    static Map<String, Double> serverTiming(HttpHeaders headers) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String header : headers.allValues("Server-Timing")) {
            for (String metric : header.split(",")) {
                String[] parts = metric.trim().split(";");
                if (parts[0].isBlank()) {
                    continue;
                }
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.regionMatches(true, 0, "dur=", 0, 4)) {
                        try {
                            out.merge(parts[0].trim(), Double.parseDouble(p.substring(4).replace("\"", "")), Double::sum);
                        } catch (NumberFormatException ignored) {
                            // not a number: skip the metric
                        }
                    }
                }
            }
        }
        return out;
    }

    private LoadStats.SessionResult runSession(HttpClient http, int index) {
        LoadPhotos.SessionPhotos photos = rendered.get(index % sessions);
        String apiKey = apiKeys.get(Math.min(index / sessions, apiKeys.size() - 1));
        String userId = String.format(Locale.ROOT, "load-%d-%04d", seed, index + 1);
        List<ChallengeType> sent = new ArrayList<>();
        List<Double> photoMs = new ArrayList<>();
        long start = System.nanoTime();
        String step = "create";
        Double createMs = null;
        String sessionId = null;
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", userId);
            body.put("challengeCount", challenges.size());
            body.put("challengeTypes", challenges.stream().map(Enum::name).toList());
            body.put("externalReference", "openliveness load, seed " + seed + ", session " + (index + 1));
            HttpRequest create = HttpRequest.newBuilder(uri(BASE + "/session")).timeout(REQUEST_TIMEOUT)
                    .header("X-API-Key", apiKey).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            Reply created = exchange(http, create);
            if (created.status() != 201) {
                String key = "create " + created.status() + " " + created.code();
                if (Set.of(400, 401, 403, 404, 405, 415).contains(created.status())) {
                    fatal.compareAndSet(null, "the service refused to create a session: " + created.status() + " "
                            + created.code() + " " + created.detail());
                }
                return error(index, userId, null, sent, null, photoMs, key.strip(), created.detail());
            }
            stats.create(created.ms());
            createMs = created.ms();
            sessionId = created.json().path("id").asText(null);
            String token = created.json().path("sessionToken").asText(null);
            List<String[]> asked = new ArrayList<>();
            created.json().path("challenges").forEach(c -> asked.add(new String[] {c.path("id").asText(), c.path("type").asText()}));
            Set<String> askedTypes = new java.util.TreeSet<>();
            asked.forEach(a -> askedTypes.add(a[1]));
            Set<String> wanted = new java.util.TreeSet<>(challenges.stream().map(Enum::name).toList());
            if (token == null || asked.size() != challenges.size() || !askedTypes.equals(wanted)) {
                return error(index, userId, sessionId, sent, createMs, photoMs, "create 201 UNEXPECTED_BODY",
                        "challenges " + askedTypes + ", asked for " + wanted);
            }
            String boundary = "----openliveness-load-" + Long.toHexString(System.nanoTime());
            for (String[] challenge : asked) {
                ChallengeType type = ChallengeType.valueOf(challenge[1]);
                byte[] form;
                if (burstFrames > 0) {
                    step = "start";
                    HttpRequest startIt = HttpRequest.newBuilder(uri(BASE + "/challenge/start")).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                                    Map.of("sessionToken", token, "challengeId", challenge[0])))).build();
                    Reply started = exchange(http, startIt);
                    if (started.status() != 200) {
                        return error(index, userId, sessionId, sent, createMs, photoMs,
                                ("start " + started.status() + " " + started.code()).strip(), started.detail());
                    }
                    form = multipartBurst(boundary, token, challenge[0], bursts.get(index).get(type));
                } else {
                    form = multipart(boundary, token, challenge[0], photos.of(type).jpeg());
                }
                step = "photo";
                HttpRequest upload = HttpRequest.newBuilder(uri(BASE + "/challenge")).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build();
                Reply r = exchange(http, upload);
                sent.add(type);
                if (r.status() != 200 || r.json() == null) {
                    return error(index, userId, sessionId, sent, createMs, photoMs,
                            ("photo " + r.status() + " " + r.code()).strip(), r.detail());
                }
                stats.photo(index, type, r.ms());
                photoMs.add(r.ms());
                JsonNode answer = r.json();
                if (!answer.path("challenge").path("met").asBoolean(false)) {
                    // Capture replies carry a coarse hint, never the measured value (the backend's GET has it).
                    stats.notMet(type, answer.path("challenge").path("failureReason").asText("") + " "
                            + answer.path("challenge").path("hint").asText(""));
                }
                if (answer.path("isComplete").asBoolean(false)) {
                    JsonNode result = answer.path("result");
                    boolean alive = result.path("isAlive").asBoolean(false);
                    String verdict = alive ? LoadStats.ALIVE : result.path("failureReason").asText("NO_FAILURE_REASON");
                    return new LoadStats.SessionResult(index, userId, sessionId, sent, verdict,
                            null, createMs, photoMs, elapsedMs(start), null);
                }
            }
            return new LoadStats.SessionResult(index, userId, sessionId, sent, LoadStats.INCOMPLETE,
                    "every photo sent, a challenge not met (the session waits for a retry)", createMs, photoMs, elapsedMs(start), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LoadStats.SessionResult(index, userId, sessionId, sent, LoadStats.ABANDONED, "cut off at the time limit",
                    createMs, photoMs, null, null);
        } catch (IOException e) {
            if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
                fatal.compareAndSet(null, "cannot connect to " + base + ": " + e);
            }
            return error(index, userId, sessionId, sent, createMs, photoMs, step + " I/O " + e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return error(index, userId, sessionId, sent, createMs, photoMs, step + " client " + e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()));
        }
    }

    private LoadStats.SessionResult error(int index, String userId, String sessionId, List<ChallengeType> sent, Double createMs,
                                          List<Double> photoMs, String key, String detail) {
        stats.error(key);
        return new LoadStats.SessionResult(index, userId, sessionId, sent, LoadStats.ERROR, key + (detail == null || detail.isBlank()
                ? "" : ": " + detail), createMs, photoMs, null, key);
    }

    private static double elapsedMs(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Every session's bursts, rendered up front (on all cores) so the run measures the service, not the rendering. */
    private Map<Integer, Map<ChallengeType, List<byte[]>>> renderBursts(List<LoadPhotos.SessionPhotos> all, LoadPhotos maker)
            throws InterruptedException {
        Map<Integer, Map<ChallengeType, List<byte[]>>> out = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors());
        try {
            for (LoadPhotos.SessionPhotos session : all) {
                pool.submit(() -> {
                    Map<ChallengeType, List<byte[]>> byType = new java.util.EnumMap<>(ChallengeType.class);
                    for (ChallengeType type : challenges) {
                        byType.put(type, maker.burst(session.index(), session.of(type), burstFrames, BURST_WIDTH, BURST_HEIGHT));
                    }
                    out.put(session.index(), byType);
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
        }
        return out;
    }

    /** A burst's multipart form: the frames and their times, 100 ms apart. */
    static byte[] multipartBurst(String boundary, String token, String challengeId, List<byte[]> frames) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        List<String> times = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            times.add(Integer.toString(LoadPhotos.FRAME_INTERVAL_MS * i));
        }
        for (String[] field : List.of(new String[] {"sessionToken", token}, new String[] {"challengeId", challengeId},
                new String[] {"frameTimes", String.join(",", times)})) {
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(field[0]).append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        b.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < frames.size(); i++) {
            b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"frames\"; filename=\"frame" + i
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(frames.get(i));
            b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static byte[] multipart(String boundary, String token, String challengeId, byte[] jpeg) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(jpeg.length + 600);
        StringBuilder head = new StringBuilder();
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"sessionToken\"\r\n\r\n").append(token).append("\r\n");
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"challengeId\"\r\n\r\n").append(challengeId).append("\r\n");
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"photo\"; filename=\"photo.jpg\"\r\n")
                .append("Content-Type: image/jpeg\r\n\r\n");
        b.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        b.writeBytes(jpeg);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    // ---- report ----

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("javaVm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    /** The one-minute system load average (runnable processes, all users), or null where the system has none. */
    private static Double loadAverage() {
        double v = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return v < 0 ? null : Math.round(v * 100) / 100.0;
    }

    private Map<String, Object> report(Map<String, Object> machine, Map<String, Object> portrait, LoadPhotos.Rendered photos,
                                       Instant startedAt, double seconds, String stoppedBy) {
        List<LoadStats.SessionResult> results = stats.sessions();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", base.toString());
        r.put("startedAt", startedAt.toString());
        r.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sessions", sessions);
        settings.put("clients", clients);
        settings.put("challenges", challenges.stream().map(Enum::name).toList());
        settings.put("seed", seed);
        settings.put("maxSeconds", maxSeconds);
        settings.put("durationSeconds", duration == null ? null : duration.toSeconds());
        settings.put("ratePerSecond", rate > 0 ? rate : null);
        settings.put("apiKeys", apiKeys.size());
        r.put("settings", settings);
        r.put("portrait", portrait);
        Map<String, Object> rendering = new LinkedHashMap<>();
        rendering.put("photos", photos.photos());
        rendering.put("seconds", LoadStats.round(photos.seconds()));
        rendering.put("photosDrawn", photos.photosDrawn());
        rendering.put("redrawn", photos.redrawn());
        r.put("rendering", rendering);
        r.put("sessionsRun", results.size());
        r.put("stoppedBy", stoppedBy);
        r.put("seconds", LoadStats.round(seconds));
        int photosAnswered = stats.photosAnswered();
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("sessionsPerSecond", Math.round(results.size() / seconds * 1000) / 1000.0);
        throughput.put("photosPerSecond", Math.round(photosAnswered / seconds * 1000) / 1000.0);
        r.put("throughput", throughput);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("total", stats.errorCount());
        errors.put("byKind", stats.errors());
        r.put("errors", errors);
        r.put("verdicts", stats.verdicts());
        Map<String, Object> notMet = new LinkedHashMap<>();
        stats.notMet().forEach((k, v) -> notMet.put(k.name(), v));
        r.put("challengesNotMet", notMet);
        Map<String, Object> latency = new LinkedHashMap<>();
        Map<String, double[]> serverTiming = stats.serverTiming();
        latency.put("measuredAt", "client: request sent to response read"
                + (serverTiming.isEmpty() ? "; the service sent no Server-Timing header" : "; Server-Timing in serverTiming"));
        latency.put("sessionCreate", LoadStats.summary(stats.creates()));
        latency.put("photoUpload", LoadStats.summary(stats.photos()));
        Map<String, Object> byType = new LinkedHashMap<>();
        for (ChallengeType t : challenges) {
            byType.put(t.name(), LoadStats.summary(stats.photos(t)));
        }
        latency.put("photoUploadByType", byType);
        latency.put("session", LoadStats.summary(stats.wholeSessions()));
        List<Double> tenths = new ArrayList<>();
        for (double v : stats.photoMedianByTenth(results.size())) {
            tenths.add(LoadStats.round(v));
        }
        latency.put("photoUploadP50ByTenthOfRun", tenths);
        latency.put("photoUploadPerMinute", stats.perMinute());
        r.put("latencyMs", latency);
        if (!serverTiming.isEmpty()) {
            Map<String, Object> st = new LinkedHashMap<>();
            serverTiming.forEach((k, v) -> st.put(k, LoadStats.summary(v)));
            r.put("serverTimingMs", st);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (LoadStats.SessionResult s : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", s.index() + 1);
            m.put("userId", s.userId());
            m.put("id", s.sessionId());
            m.put("sent", s.sent().stream().map(Enum::name).toList());
            m.put("verdict", s.verdict());
            m.put("detail", s.detail());
            m.put("createMs", s.createMs() == null ? null : LoadStats.round(s.createMs()));
            m.put("photoMs", s.photoMs().stream().map(LoadStats::round).toList());
            m.put("sessionMs", s.sessionMs() == null ? null : LoadStats.round(s.sessionMs()));
            list.add(m);
        }
        r.put("sessions", list);
        return r;
    }

    @SuppressWarnings("unchecked")
    private void print(PrintWriter out, Map<String, Object> r) {
        out.println();
        out.println("== results ==");
        out.printf(Locale.ROOT, "sessions run: %d of %d in %.1f s (%s)%n", r.get("sessionsRun"), sessions, r.get("seconds"), r.get("stoppedBy"));
        Map<String, Object> errors = (Map<String, Object>) r.get("errors");
        Map<String, Integer> byKind = (Map<String, Integer>) errors.get("byKind");
        out.printf(Locale.ROOT, "errors: %d%s%n", (Integer) errors.get("total"), byKind.isEmpty() ? "" : " (request, HTTP status, problem code)");
        byKind.forEach((k, v) -> out.printf(Locale.ROOT, "  %-50s %d%n", k, v));
        out.println("verdicts:");
        Map<String, Integer> verdicts = (Map<String, Integer>) r.get("verdicts");
        verdicts.entrySet().stream().sorted((a, b) -> a.getKey().equals(LoadStats.ALIVE) ? -1 : b.getKey().equals(LoadStats.ALIVE) ? 1
                : a.getKey().compareTo(b.getKey())).forEach(e -> out.printf(Locale.ROOT, "  %-50s %d%n", e.getKey(), e.getValue()));
        if (verdicts.containsKey("REPLAYED_IMAGE")) {
            out.println("  note: REPLAYED_IMAGE means a photo looked like one of the tenant's sessions of the last 24 h:"
                    + " an earlier run with the same key, most likely. Use a new tenant's key for every run.");
        }
        Map<String, Object> notMet = (Map<String, Object>) r.get("challengesNotMet");
        if (!notMet.isEmpty()) {
            out.println("challenge photos not met: " + notMet);
            stats.notMetExamples().forEach((k, v) -> out.printf(Locale.ROOT, "  e.g. %s: %s%n", k, v));
        }
        List<Map<String, Object>> list = (List<Map<String, Object>>) r.get("sessions");
        list.stream().filter(s -> !LoadStats.ALIVE.equals(s.get("verdict"))).limit(5)
                .forEach(s -> out.printf(Locale.ROOT, "  session %s (%s): %s: %s%n", s.get("n"), s.get("id"), s.get("verdict"), s.get("detail")));
        Map<String, Object> latency = (Map<String, Object>) r.get("latencyMs");
        Map<String, double[]> serverTiming = stats.serverTiming();
        out.println("latency, ms, measured on the client (request sent to response read)"
                + (serverTiming.isEmpty() ? "; the service sends no Server-Timing header," : ";")
                + (loopback() ? " on loopback ≈ the server's time:" : ":"));
        out.printf(Locale.ROOT, "  %-22s %6s %8s %8s %8s %8s%n", "", "n", "p50", "p90", "p99", "max");
        row(out, "session create", (Map<String, Object>) latency.get("sessionCreate"));
        row(out, "photo upload", (Map<String, Object>) latency.get("photoUpload"));
        ((Map<String, Object>) latency.get("photoUploadByType")).forEach((k, v) -> row(out, "  " + k, (Map<String, Object>) v));
        row(out, "whole session (" + challenges.size() + " ph.)", (Map<String, Object>) latency.get("session"));
        out.println("  (a whole session is its create and every photo; sessions that ended early or failed are left out)");
        out.println("  photo upload p50 by tenth of the run: " + latency.get("photoUploadP50ByTenthOfRun"));
        if (duration != null) {
            out.println("  per minute (photos answered, p50, p99, errors):");
            ((List<Map<String, Object>>) latency.get("photoUploadPerMinute")).forEach(m -> out.printf(Locale.ROOT,
                    "    minute %3d: %5d photos, p50 %s ms, p99 %s ms, %d errors%n", (Integer) m.get("minute"), (Integer) m.get("photos"),
                    fmt(m.get("p50")), fmt(m.get("p99")), (Integer) m.get("errors")));
        }
        if (!serverTiming.isEmpty()) {
            out.println("Server-Timing, ms:");
            serverTiming.forEach((k, v) -> row(out, k, LoadStats.summary(v)));
        }
        Map<String, Object> t = (Map<String, Object>) r.get("throughput");
        out.printf(Locale.ROOT, "throughput: %.2f sessions/s, %.2f photos/s (%d clients)%n", t.get("sessionsPerSecond"),
                t.get("photosPerSecond"), clients);
        Map<String, Object> m = (Map<String, Object>) r.get("machine");
        out.printf(Locale.ROOT, "machine: %s processors, Java %s; 1-min load average %s at the start of the run, %s at the end%n",
                m.get("processors"), m.get("javaVersion"), m.get("loadAverageAtStart"), m.get("loadAverageAtEnd"));
        if (loopback()) {
            out.println("  client and service share this machine; the clients' own CPU use is small next to the analysis,"
                    + " but anything else running (a load average above the processors) slows the service");
        }
    }

    private boolean loopback() {
        String host = base.getHost();
        return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]");
    }

    private static void row(PrintWriter out, String label, Map<String, Object> s) {
        out.printf(Locale.ROOT, "  %-22s %6d %8s %8s %8s %8s%n", label, (Integer) s.get("n"), fmt(s.get("p50")), fmt(s.get("p90")),
                fmt(s.get("p99")), fmt(s.get("max")));
    }

    private static String fmt(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) v);
    }
}
