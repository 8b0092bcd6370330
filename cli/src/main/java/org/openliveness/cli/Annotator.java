package org.openliveness.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.geometry.Rotation3;
import org.openliveness.engine.image.RgbImage;

/**
 * Draws an analysis over its photo: the face box, the 468 landmarks, and the head's axes
 * from the nose tip (red: the subject's left, green: down, blue: out of the face).
 */
final class Annotator {

    private Annotator() {}

    static void write(byte[] photo, FaceEngine engine, ImageAnalysis analysis, Path png) throws IOException {
        RgbImage image = engine.decode(photo).image();
        BufferedImage canvas = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                canvas.setRGB(x, y, image.rgbAt(x, y));
            }
        }
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float line = Math.max(1f, image.width() / 600f);
        for (FaceAnalysis face : analysis.faces()) {
            draw(g, face, engine.headRotation(face.landmarks()), line);
        }
        g.dispose();
        ImageIO.write(canvas, "png", png.toFile());
    }

    private static void draw(Graphics2D g, FaceAnalysis face, Rotation3 rotation, float line) {
        g.setStroke(new BasicStroke(line * 2));
        g.setColor(Color.YELLOW);
        g.draw(new Rectangle2D.Double(face.box().x(), face.box().y(), face.box().width(), face.box().height()));
        g.setColor(new Color(0, 255, 255, 200));
        double r = line;
        for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
            g.fill(new Ellipse2D.Double(face.x(i) - r, face.y(i) - r, 2 * r, 2 * r));
        }
        double length = face.box().width() * 0.6;
        double nx = face.x(1);
        double ny = face.y(1);
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE};
        double[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
        g.setStroke(new BasicStroke(line * 3));
        for (int k = 0; k < 3; k++) {
            double[] v = rotation.apply(axes[k]);
            g.setColor(colors[k]);
            g.draw(new Line2D.Double(nx, ny, nx + v[0] * length, ny + v[1] * length));
        }
        g.setColor(Color.YELLOW);
        g.setFont(g.getFont().deriveFont(Math.max(12f, line * 12)));
        g.drawString(String.format(Locale.ROOT, "yaw %+.0f pitch %+.0f roll %+.0f", face.pose().yawDegrees(),
                face.pose().pitchDegrees(), face.pose().rollDegrees()), (float) face.box().x(), (float) (face.box().y() - line * 4));
    }
}
