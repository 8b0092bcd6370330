package org.openliveness.devkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Sends {@link HostileUploads} to a running service's capture endpoints and records every
 * answer: status and latency per kind of case, the slowest cases, and every 5xx or broken
 * connection. Sessions are created with an API key (liveness scope); a case answered 409, 410
 * or 429 (the session is used up, expired or throttled) is sent once more on a new session, so
 * the upload reaches the decoder rather than the session's state checks.
 */
public final class FuzzRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/v1/verifications/liveness";

    /** What was sent, without the bytes (a run keeps every outcome; the bytes of 10,000 cases are gigabytes). */
    public record Sent(int index, HostileUploads.Kind kind, String variant, HostileUploads.Target target, String partName, int bytes) {
        static Sent of(HostileUploads.Case c) {
            return new Sent(c.index(), c.kind(), c.variant(), c.target(), c.partName(), c.bytes().length);
        }

        @Override
        public String toString() {
            return "#" + index + " " + kind + " (" + variant + ") → " + target + ", part " + partName + ", " + bytes + " bytes";
        }
    }

    /** One case's answer. */
    public record Outcome(Sent testCase, int status, double ms, String problem) {
        /** A status of 0 means the connection failed (reset, timeout). */
        public boolean failed() {
            return status == 0 || status >= 500;
        }
    }

    /** Figures for one kind of case. */
    public record KindStats(int count, Map<Integer, Integer> statuses, double p50, double p99, double max) {}

    /** What a run found. */
    public record Report(List<Outcome> outcomes, Map<HostileUploads.Kind, KindStats> byKind, List<Outcome> slowest,
                         List<Outcome> failures, int sessionsCreated, double seconds) {
        public Map<Integer, Integer> statuses() {
            Map<Integer, Integer> all = new TreeMap<>();
            outcomes.forEach(o -> all.merge(o.status, 1, Integer::sum));
            return all;
        }
    }

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final AtomicInteger sessions = new AtomicInteger();

    public FuzzRun(URI base, String apiKey, Duration timeout) {
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Sends {@code count} cases from {@code seed} with {@code clients} concurrent clients.
     *
     * @param progress told the number of cases answered, after each
     */
    public Report run(long seed, int count, int clients, long bombBytes, IntConsumer progress) throws InterruptedException {
        HostileUploads generator = new HostileUploads(seed, bombBytes);
        List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger nextCase = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                Session session = null;
                // Cases are made as they are sent (a bomb can be megabytes), in the generator's order.
                for (HostileUploads.Case testCase = next(generator, nextCase, count); testCase != null;
                        testCase = next(generator, nextCase, count)) {
                    if (session == null) {
                        session = createSession();
                    }
                    Outcome outcome = send(session, testCase);
                    if (outcome.status == 409 || outcome.status == 410 || outcome.status == 429) {
                        session = createSession();
                        outcome = send(session, testCase);
                    }
                    outcomes.add(outcome);
                    progress.accept(outcomes.size());
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                pool.shutdownNow();
                throw new IllegalStateException("fuzz client failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return report(new ArrayList<>(outcomes), seconds);
    }

    private static HostileUploads.Case next(HostileUploads generator, AtomicInteger made, int count) {
        synchronized (generator) {
            return made.getAndIncrement() < count ? generator.next() : null;
        }
    }

    private Report report(List<Outcome> outcomes, double seconds) {
        Map<HostileUploads.Kind, List<Outcome>> grouped = new EnumMap<>(HostileUploads.Kind.class);
        outcomes.forEach(o -> grouped.computeIfAbsent(o.testCase.kind(), k -> new ArrayList<>()).add(o));
        Map<HostileUploads.Kind, KindStats> byKind = new EnumMap<>(HostileUploads.Kind.class);
        grouped.forEach((kind, list) -> {
            double[] ms = list.stream().mapToDouble(Outcome::ms).sorted().toArray();
            Map<Integer, Integer> statuses = new TreeMap<>();
            list.forEach(o -> statuses.merge(o.status, 1, Integer::sum));
            byKind.put(kind, new KindStats(list.size(), statuses, percentile(ms, 0.5), percentile(ms, 0.99), ms[ms.length - 1]));
        });
        List<Outcome> slowest = outcomes.stream().sorted(Comparator.comparingDouble(Outcome::ms).reversed()).limit(10).toList();
        List<Outcome> failures = outcomes.stream().filter(Outcome::failed).toList();
        return new Report(outcomes, byKind, slowest, failures, sessions.get(), seconds);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    // ---- HTTP

    private record Session(String token, String challengeId) {}

    private Session createSession() throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("userId", "fuzz-" + UUID.randomUUID()));
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve(BASE + "/session"))
                    .timeout(timeout).header("X-API-Key", apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() == 429 && attempt < 20) {
                long wait = created.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.min(5, Math.max(1, wait)) * 1000);
                continue;
            }
            if (created.statusCode() != 201) {
                throw new IOException("creating a session answered " + created.statusCode() + ": " + created.body());
            }
            sessions.incrementAndGet();
            JsonNode json = JSON.readTree(created.body());
            return new Session(json.path("sessionToken").asText(), json.path("challenges").path(0).path("id").asText());
        }
    }

    private Outcome send(Session session, HostileUploads.Case c) {
        String path = switch (c.target()) {
            case CHALLENGE -> "/challenge";
            case REFERENCE -> "/reference-selfie";
            case PREVIEW -> "/preview";
        };
        String boundary = "fuzz" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.bytes().length + 512);
        field(out, boundary, "sessionToken", session.token);
        if (c.target() == HostileUploads.Target.CHALLENGE) {
            field(out, boundary, "challengeId", session.challengeId);
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + c.partName() + "\"; filename=\"upload.bin\"\r\n"
                + (c.contentType() == null ? "" : "Content-Type: " + c.contentType() + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(c.bytes());
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(BASE + path)).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t0) / 1e6;
            return new Outcome(Sent.of(c), response.statusCode(), ms, code(response.body()));
        } catch (IOException e) {
            return new Outcome(Sent.of(c), 0, (System.nanoTime() - t0) / 1e6, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Sent.of(c), 0, (System.nanoTime() - t0) / 1e6, "interrupted");
        }
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The problem's {@code code}, or what a reply that is not a problem says (never its body: it carries the token). */
    private static String code(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json.has("code")) {
                return json.path("code").asText();
            }
            // A judged photo: say what, never the body (it carries the session's token).
            JsonNode hints = json.path("hints");
            return json.has("challenge") ? "judged, met " + json.path("challenge").path("met").asBoolean()
                    : hints.isArray() ? "preview " + hints : "not a problem";
        } catch (IOException notJson) {
            return "not JSON";
        }
    }
}
