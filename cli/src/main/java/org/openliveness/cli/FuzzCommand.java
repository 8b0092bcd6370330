package org.openliveness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openliveness.devkit.fuzz.FuzzRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fuzz}: sends hostile uploads to a running service's capture endpoints and reports what it answered. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Send hostile uploads to a running service's capture endpoints: truncated and",
            "bit-flipped images, huge declared dimensions, decompression bombs in PNG text,",
            "ICC and pixel data, progressive JPEGs with thousands of scans, malformed WebP and",
            "HEIC, polyglots, wrong part names and content types. Creates sessions with the",
            "API key. Prints the answers per kind of case (status counts, p50/p99/max latency)",
            "and the slowest cases. The same seed sends the same cases.",
            "Exit status: 0 when no answer was a 5xx and no connection failed, 1 otherwise,",
            "2 on bad arguments."})
final class FuzzCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080", description = "the service (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", required = true, description = "an API key with the liveness scope")
    String apiKey;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000", description = "cases to send (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the cases (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--bomb-mib", paramLabel = "MIB", defaultValue = "2048",
            description = "what a decompression bomb inflates to, in MiB (default ${DEFAULT-VALUE})")
    long bombMib;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "longest wait for one answer; a case not answered in time counts as a failed connection (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures and every failure as JSON to FILE")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || clients < 1 || clients > 64 || bombMib < 1 || timeoutSeconds < 1) {
            err.println("error: --count and --bomb-mib must be positive, --clients 1..64, --timeout positive");
            return 2;
        }
        URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        out.printf(Locale.ROOT, "fuzzing %s: %d cases, seed %d, %d clients, bombs of %d MiB%n", base, count, seed, clients, bombMib);
        out.flush();
        int[] lastTenth = {0};
        long t0 = System.nanoTime();
        FuzzRun.Report report = new FuzzRun(base, apiKey, Duration.ofSeconds(timeoutSeconds)).run(seed, count, clients,
                bombMib << 20, done -> {
                    int tenth = done * 10 / count;
                    synchronized (lastTenth) {
                        if (tenth > lastTenth[0]) {
                            lastTenth[0] = tenth;
                            out.printf(Locale.ROOT, "  [%3d%%] %d cases, %.1f s%n", tenth * 10, done, (System.nanoTime() - t0) / 1e9);
                            out.flush();
                        }
                    }
                });
        out.printf(Locale.ROOT, "%n%d cases in %.1f s, %d sessions created; statuses %s%n", report.outcomes().size(), report.seconds(),
                report.sessionsCreated(), report.statuses());
        out.printf(Locale.ROOT, "%-22s %6s %8s %8s %8s  %s%n", "kind", "n", "p50 ms", "p99 ms", "max ms", "statuses");
        report.byKind().forEach((kind, s) -> out.printf(Locale.ROOT, "%-22s %6d %8.1f %8.1f %8.1f  %s%n", kind, s.count(), s.p50(),
                s.p99(), s.max(), s.statuses()));
        out.println("slowest:");
        report.slowest().forEach(o -> out.printf(Locale.ROOT, "  %8.1f ms  %d %s  %s%n", o.ms(), o.status(), o.problem(), o.testCase()));
        out.printf(Locale.ROOT, "5xx or failed connections: %d%n", report.failures().size());
        report.failures().stream().limit(20).forEach(o -> out.printf(Locale.ROOT, "  %d %s  %s%n", o.status(), o.problem(), o.testCase()));
        if (json != null) {
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(report)) + "\n");
            out.println("JSON written to " + json);
        }
        out.flush();
        return report.failures().isEmpty() ? 0 : 1;
    }

    private Map<String, Object> toJson(FuzzRun.Report report) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", url);
        r.put("count", count);
        r.put("seed", seed);
        r.put("clients", clients);
        r.put("bombMib", bombMib);
        r.put("seconds", report.seconds());
        r.put("sessionsCreated", report.sessionsCreated());
        r.put("statuses", report.statuses());
        Map<String, Object> kinds = new LinkedHashMap<>();
        report.byKind().forEach((k, s) -> kinds.put(k.name(), s));
        r.put("byKind", kinds);
        r.put("slowest", outcomes(report.slowest()));
        r.put("failures", outcomes(report.failures()));
        return r;
    }

    private static List<Map<String, Object>> outcomes(List<FuzzRun.Outcome> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FuzzRun.Outcome o : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            FuzzRun.Sent c = o.testCase();
            m.put("case", c.index());
            m.put("kind", c.kind().name());
            m.put("variant", c.variant());
            m.put("target", c.target().name());
            m.put("bytes", c.bytes());
            m.put("status", o.status());
            m.put("problem", o.problem());
            m.put("ms", Math.round(o.ms() * 10) / 10.0);
            out.add(m);
        }
        return out;
    }
}
