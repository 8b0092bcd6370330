package org.openliveness.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench}: per-stage latency of the analysis on a folder of JPEGs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the full analysis, stage by stage, on the JPEGs in DIR (e.g. 1280x720 selfies) and on",
            "phone-size copies of them (each upscaled to 4000x3000 and re-encoded as JPEG quality 90),",
            "on one thread and on all threads; prints median and p90 per stage in milliseconds."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "folder of JPEG photos")
    Path dir;

    @Option(names = "--runs", defaultValue = "5", description = "passes over the photos per measurement (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed passes first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--threads", defaultValue = "0", description = "threads for the all-threads run (default: available processors)")
    int threads;

    @Option(names = "--no-phone", description = "skip the phone-size set")
    boolean noPhone;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> selfies = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g")).sorted().toList()) {
                selfies.add(Files.readAllBytes(p));
            }
        }
        if (selfies.isEmpty()) {
            spec.commandLine().getErr().println("error: no JPEG files in " + dir);
            return 2;
        }
        int all = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "%d photos from %s; %d runs after %d warm-up; %s, %d processors, Java %s%n",
                selfies.size(), dir, runs, warmup, System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Map<String, List<byte[]>> sets = new LinkedHashMap<>();
        sets.put(size(selfies.get(0)), selfies);
        if (!noPhone) {
            out.println("making phone-size copies (4000x3000 JPEG q90)...");
            List<byte[]> phone = new ArrayList<>();
            for (byte[] s : selfies) {
                phone.add(upscale(s, 4000, 3000));
            }
            sets.put("4000x3000 (upscaled)", phone);
        }
        try (FaceEngine engine = FaceEngine.create(EngineConfig.DEFAULTS)) {
            for (var set : sets.entrySet()) {
                out.printf(Locale.ROOT, "%n### %s, one thread%n%n", set.getKey());
                table(out, run(engine, set.getValue(), 1));
                out.printf(Locale.ROOT, "%n### %s, %d threads (latency per photo under concurrent load)%n%n", set.getKey(), all);
                long start = System.nanoTime();
                Map<String, double[]> concurrent = run(engine, set.getValue(), all);
                double seconds = (System.nanoTime() - start) / 1e9;
                table(out, concurrent);
                out.printf(Locale.ROOT, "%nthroughput: %.1f photos/s (including warm-up passes)%n",
                        (runs + warmup) * set.getValue().size() / seconds);
                out.flush();
            }
        }
        return 0;
    }

    /** Stage → timings of every timed analysis. */
    private Map<String, double[]> run(FaceEngine engine, List<byte[]> photos, int threadCount) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            Map<String, List<Double>> stages = new LinkedHashMap<>();
            for (int pass = 0; pass < warmup + runs; pass++) {
                List<Future<ImageAnalysis>> futures = new ArrayList<>();
                for (byte[] photo : photos) {
                    futures.add(pool.submit(() -> engine.analyze(photo)));
                }
                for (Future<ImageAnalysis> f : futures) {
                    ImageAnalysis a = f.get();
                    if (pass >= warmup) {
                        a.timingsMs().forEach((stage, ms) -> stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms));
                    }
                }
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            stages.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void table(PrintWriter out, Map<String, double[]> stages) {
        out.println("| stage | median ms | p90 ms |");
        out.println("|---|---:|---:|");
        stages.forEach((stage, values) -> out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", stage,
                percentile(values, 0.5), percentile(values, 0.9)));
    }

    /** Linear interpolation between closest ranks of an ascending array; NaN when empty. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static String size(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        return img.getWidth() + "x" + img.getHeight();
    }

    private static byte[] upscale(byte[] jpeg, int width, int height) throws IOException {
        BufferedImage src = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = dst.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double scale = Math.max((double) width / src.getWidth(), (double) height / src.getHeight());
        int w = (int) Math.round(src.getWidth() * scale);
        int h = (int) Math.round(src.getHeight() * scale);
        g.drawImage(src, (width - w) / 2, (height - h) / 2, w, h, null);
        g.dispose();
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(dst, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

}
