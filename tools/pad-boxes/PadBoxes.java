import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.antispoof.PresentationAttackModel;
import org.openliveness.engine.detection.Detection;
import org.openliveness.engine.detection.FaceDetector;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.OpenCvResize;
import org.openliveness.engine.image.DecodedImage;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.onnx.ModelRegistry;
import org.openliveness.engine.onnx.ModelSpec;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * Which face box gives fr_liveness its best input: one CSV row per photo of each labelled folder
 * with the live probability on the BlazeFace box (BGR and RGB), the mesh's extent, a square made
 * from the mesh with fr_detect's geometry, fr_detect's own box (as lib/fr_detect.js makes and
 * squares it), and the whole photo. A measuring tool for docs/ACCURACY.md; not part of the build.
 *
 * <pre>
 * mvn -q -o -DskipTests verify      # engine/target/classes with the bundled models
 * CP=engine/target/classes:$(ls ~/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.22.0/*.jar \
 *   ~/.m2/repository/com/fasterxml/jackson/core/jackson-*&#47;2.19.2/*-2.19.2.jar \
 *   ~/.m2/repository/org/ejml/ejml-{core,ddense}/0.44.0/*.jar ~/.m2/repository/com/drewnoakes/metadata-extractor/2.19.0/*.jar \
 *   ~/.m2/repository/com/adobe/xmp/xmpcore/6.1.11/*.jar ~/.m2/repository/com/twelvemonkeys/*&#47;*&#47;3.12.0/*-3.12.0.jar | tr '\n' :)
 * java -cp "$CP" tools/pad-boxes/PadBoxes.java boxes.csv \
 *   .cache/npm/faceplugin-face-recognition-js-0.0.1/package/model/fr_detect.onnx DIR...
 * </pre>
 * Each DIR holds a LABELS.csv ({@code file,label,extra}).
 */
public class PadBoxes {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PadBoxes OUT.csv FR_DETECT.onnx DIR...");
            System.exit(2);
        }
        try (FaceEngine engine = FaceEngine.create(EngineConfig.DEFAULTS.withPadModel(null));
             ModelRegistry models = ModelRegistry.bundled(1, EnumSet.of(ModelId.BLAZEFACE, ModelId.FR_LIVENESS));
             OnnxModel frDetect = ModelRegistry.loadFile(new ModelSpec("fr_detect", "fr_detect.onnx", null, args[1], "input",
                     new long[] {1, 3, 240, 320}, List.of("scores", "boxes")), Path.of(args[1]), 1);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            EngineConfig d = EngineConfig.DEFAULTS;
            FaceDetector detector = new FaceDetector(models.get(ModelId.BLAZEFACE), d.minDetectorScore(), d.maxOverlap(),
                    d.maxInside(), d.detectionPadding(), d.maxFaces());
            PadModelDescriptor bgr = PadModelDescriptor.FR_LIVENESS;
            PadModelDescriptor rgb = new PadModelDescriptor("rgb", null, null, bgr.input(), bgr.layout(), bgr.width(), bgr.height(),
                    PadModelDescriptor.ChannelOrder.RGB, bgr.mean(), bgr.std(), bgr.cropScale(), bgr.output(), bgr.liveIndex(),
                    bgr.activation());
            PresentationAttackModel padBgr = new PresentationAttackModel(models.get(ModelId.FR_LIVENESS), bgr);
            PresentationAttackModel padRgb = new PresentationAttackModel(models.get(ModelId.FR_LIVENESS), rgb);
            out.println("set,file,label,faces,live_det,live_det_rgb,live_mesh,live_meshsq,live_frdet,live_whole");
            for (int a = 2; a < args.length; a++) {
                Path dir = Path.of(args[a]);
                List<String> lines = Files.readAllLines(dir.resolve("LABELS.csv"));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",", 3);
                    DecodedImage decoded = engine.decode(Files.readAllBytes(dir.resolve(f[0])));
                    RgbImage img = decoded.image();
                    ImageAnalysis analysis = engine.analyze(decoded);
                    String mesh = "";
                    String meshSquare = "";
                    if (!analysis.faces().isEmpty()) {
                        Box b = analysis.faces().get(0).box();
                        mesh = fmt(padBgr.score(img, b).live());
                        double side = 1.05 * b.height();
                        meshSquare = fmt(padBgr.score(img, new Box(b.centerX() - side / 2, b.centerY() - 0.087 * b.height() - side / 2,
                                side, side)).live());
                    }
                    String det = "";
                    String detRgb = "";
                    List<Detection> found = detector.detect(img);
                    if (!found.isEmpty()) {
                        Box best = found.stream().max(Comparator.comparingDouble(x -> x.box().area())).orElseThrow().box();
                        det = fmt(padBgr.score(img, best).live());
                        detRgb = fmt(padRgb.score(img, best).live());
                    }
                    Box fr = frDetectBox(frDetect, img);
                    String frdet = fr == null ? "" : fmt(padBgr.score(img, fr).live());
                    String whole = fmt(padBgr.score(img, new Box(0, 0, img.width(), img.height())).live());
                    out.println(String.join(",", dir.getFileName().toString(), f[0], f[1], String.valueOf(analysis.faces().size()),
                            det, detRgb, mesh, meshSquare, frdet, whole));
                }
                System.err.println("done " + dir);
            }
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * fr_detect's largest face as lib/fr_detect.js finds it: the photo resized to 320×240 with OpenCV's
     * bilinear resize, (v − 127)/128, NCHW in the order the JS ends up with (a canvas's R, G, B passed
     * through cv.COLOR_BGR2RGB: B, G, R), score ≥ 0.65, its suppression
     * (boxes sorted by bottom edge, overlap over the other box's area ≥ 0.4), then the box squared by
     * its height about its centre and clamped to the photo.
     */
    static Box frDetectBox(OnnxModel frDetect, RgbImage img) {
        RgbImage r = OpenCvResize.resize(img, 0, 0, img.width(), img.height(), 320, 240);
        int plane = 240 * 320;
        float[] t = new float[3 * plane];
        byte[] px = r.rgb();
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                t[c * plane + p] = ((px[p * 3 + 2 - c] & 0xFF) - 127) / 128f;
            }
        }
        float[][] o = frDetect.run(t, 1, 3, 240, 320);
        float[] scores = o[0];
        float[] boxes = o[1];
        List<double[]> rest = new ArrayList<>();
        for (int i = 0; i < scores.length / 2; i++) {
            double[] c = {boxes[4 * i] * 320, boxes[4 * i + 1] * 240, boxes[4 * i + 2] * 320, boxes[4 * i + 3] * 240};
            if (scores[2 * i + 1] >= 0.65 && c[2] > c[0] && c[3] > c[1]) {
                rest.add(c);
            }
        }
        rest.sort(Comparator.comparingDouble(c -> c[3]));
        List<double[]> picked = new ArrayList<>();
        while (!rest.isEmpty()) {
            double[] last = rest.get(0);
            picked.add(last);
            List<double[]> keep = new ArrayList<>();
            for (double[] b : rest.subList(1, rest.size())) {
                double w = Math.max(0, Math.min(b[2], last[2]) - Math.max(b[0], last[0]) + 1);
                double h = Math.max(0, Math.min(b[3], last[3]) - Math.max(b[1], last[1]) + 1);
                if (w * h / ((b[2] - b[0]) * (b[3] - b[1])) < 0.4) {
                    keep.add(b);
                }
            }
            rest = keep;
        }
        if (picked.isEmpty()) {
            return null;
        }
        double[] best = picked.stream().max(Comparator.comparingDouble(c -> (c[2] - c[0]) * (c[3] - c[1]))).orElseThrow();
        double sx = img.width() / 320.0;
        double sy = img.height() / 240.0;
        double x1 = best[0] * sx;
        double y1 = best[1] * sy;
        double x2 = best[2] * sx;
        double y2 = best[3] * sy;
        double side = y2 - y1;
        double cx = (x1 + x2) / 2;
        double cy = (y1 + y2) / 2;
        return Box.fromCorners(Math.max(0, cx - side / 2), Math.max(0, cy - side / 2),
                Math.min(img.width() - 1, cx + side / 2), Math.min(img.height() - 1, cy + side / 2));
    }
}
