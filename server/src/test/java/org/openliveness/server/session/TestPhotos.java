package org.openliveness.server.session;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.devkit.synth.FaceRenderer;
import org.openliveness.devkit.synth.FlatAttack;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;

/**
 * Photo sequences of one person performing challenges, made from a real photo the build
 * fetched (face-api's {@code demo/sample5.jpg}, the woman at the top): her face is cut out as a
 * portrait and rendered turned in 3-D or with expressions. Another person is the sample face
 * least similar to her. Flat attacks are the portrait warped by homographies. Public for the
 * browser tests of the capture component, which film the same person.
 */
public final class TestPhotos {

    /** Where the portrait's face sits in sample5.jpg (box centre, pixels). */
    private static final double FACE_X = 862;
    private static final double FACE_Y = 230;

    public final RgbImage portrait;
    public final FaceRenderer person;
    final FaceRenderer otherPerson;
    public final FlatAttack print;

    public TestPhotos(FaceEngine engine) {
        RgbImage sample5 = engine.decode(sample("sample5.jpg")).image();
        FaceAnalysis her = engine.analyze(sample5).stream()
                .min(Comparator.comparingDouble(f -> Math.hypot(f.box().centerX() - FACE_X, f.box().centerY() - FACE_Y)))
                .orElseThrow();
        portrait = portrait(sample5, her.box());
        FaceAnalysis herFace = single(engine, portrait);
        person = new FaceRenderer(portrait, herFace);
        print = FlatAttack.around(portrait, herFace);

        RgbImage best = null;
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= 6; i++) {
            RgbImage photo = engine.decode(sample("sample" + i + ".jpg")).image();
            for (FaceAnalysis f : engine.analyze(photo)) {
                if (f.box().width() < 60) {
                    continue;
                }
                RgbImage p;
                try {
                    p = portrait(photo, f.box());
                } catch (IllegalArgumentException outside) {
                    continue;
                }
                List<FaceAnalysis> found = engine.analyze(p);
                if (found.size() != 1) {
                    continue;
                }
                double s = found.get(0).embedding().similarity(herFace.embedding());
                if (s < lowest) {
                    lowest = s;
                    best = p;
                }
            }
        }
        otherPerson = new FaceRenderer(best, single(engine, best));
    }

    public byte[] frontal() {
        return jpeg(portrait);
    }

    byte[] turn(double yaw, double pitch) {
        return jpeg(person.turn(yaw, pitch));
    }

    byte[] expression(Expression e) {
        return jpeg(person.expression(e, 1));
    }

    public byte[] other(Expression e) {
        return jpeg(e == null ? otherPerson.source() : otherPerson.expression(e, 1));
    }

    byte[] otherTurn(double yaw) {
        return jpeg(otherPerson.turn(yaw, 0));
    }

    /** A photo performing each challenge type. */
    public byte[] performing(String type) {
        return switch (type) {
            case "TURN_LEFT" -> turn(30, 0);
            case "TURN_RIGHT" -> turn(-30, 0);
            case "LOOK_UP" -> turn(0, 20);
            case "SMILE" -> expression(Expression.SMILE);
            case "BLINK" -> expression(Expression.EYES_CLOSED);
            case "OPEN_MOUTH" -> expression(Expression.MOUTH_OPEN);
            default -> throw new IllegalArgumentException(type);
        };
    }

    static byte[] jpeg(RgbImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int i = 3 * (y * image.width() + x);
                img.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            try (var ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sample(String name) {
        Path dir = Path.of(System.getProperty("openliveness.samples", "../engine/target/samples"));
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("sample photo " + name + " missing: build the engine first", e);
        }
    }

    private static FaceAnalysis single(FaceEngine engine, RgbImage image) {
        List<FaceAnalysis> faces = engine.analyze(image);
        if (faces.size() != 1) {
            throw new IllegalStateException("expected one face in the portrait, found " + faces.size());
        }
        return faces.get(0);
    }

    /** The face box with 0.6 widths left and right and 0.5 heights above and below, scaled to 600 px wide. */
    private static RgbImage portrait(RgbImage photo, Box box) {
        int x = (int) Math.round(box.x() - 0.6 * box.width());
        int y = (int) Math.round(box.y() - 0.5 * box.height());
        int w = (int) Math.round(2.2 * box.width());
        int h = (int) Math.round(2.0 * box.height());
        if (x < 0 || y < 0 || x + w > photo.width() || y + h > photo.height()) {
            throw new IllegalArgumentException("crop outside the image");
        }
        byte[] out = new byte[w * h * 3];
        for (int j = 0; j < h; j++) {
            System.arraycopy(photo.rgb(), 3 * ((y + j) * photo.width() + x), out, 3 * j * w, 3 * w);
        }
        return Warp.resize(new RgbImage(w, h, out), 600, (int) Math.round(600.0 * h / w));
    }

}
