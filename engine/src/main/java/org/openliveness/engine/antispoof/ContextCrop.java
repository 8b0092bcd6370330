package org.openliveness.engine.antispoof;

import org.openliveness.engine.geometry.Box;

/**
 * The region around a face that a presentation-attack model sees: the face box scaled about its
 * centre, shifted back inside the image, and limited by the image's size — so a small photo gives
 * (nearly) the whole frame. The arithmetic is {@code alignLivenessImage} of
 * {@code faceplugin-face-recognition-js@0.0.1 lib/fr_liveness.js}, step for step, including its
 * integer truncations ({@code parseInt}) and its one-pixel margin at the right and bottom edges.
 *
 * <p>Pixels, origin top-left, x right, y down. The result is a half-open pixel rectangle
 * {@code [x, x + width) × [y, y + height)} inside the image.
 *
 * @param x      left column
 * @param y      top row
 * @param width  columns, ≥ 1
 * @param height rows, ≥ 1
 */
public record ContextCrop(int x, int y, int width, int height) {

    public ContextCrop {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("expected a non-empty crop at x, y ≥ 0, got " + x + "," + y + " " + width + "x" + height);
        }
    }

    /**
     * The crop for a face box in an image of {@code imageWidth × imageHeight}.
     *
     * <p>As the package does: the box's corners are truncated to integers; the scale is
     * {@code min(scale, (H − 1)/boxH, (W − 1)/boxW)}; the scaled box is centred on the box, moved
     * right/down if it starts before 0 and left/up if it ends after {@code W − 1} / {@code H − 1};
     * the rectangle takes the truncated start (at least 0) and the truncated extent (at most
     * {@code W − 1} / {@code H − 1}).
     *
     * @param face        the face box in image pixels
     * @param imageWidth  image width, ≥ 2
     * @param imageHeight image height, ≥ 2
     * @param scale       crop side over box side before limiting (2.7 for {@code fr_liveness}), &gt; 0
     */
    public static ContextCrop around(Box face, int imageWidth, int imageHeight, double scale) {
        if (imageWidth < 2 || imageHeight < 2 || !(scale > 0)) {
            throw new IllegalArgumentException("expected an image of at least 2x2 and a positive scale, got "
                    + imageWidth + "x" + imageHeight + " and " + scale);
        }
        int x1 = (int) face.x();
        int y1 = (int) face.y();
        int x2 = (int) face.x2();
        int y2 = (int) face.y2();
        // The package passes [x1, y1, |x2 - x1|, |y2 - y1|]; a degenerate box becomes one pixel
        // here instead of a division by zero (it then scales by the image limit).
        int boxW = Math.max(1, Math.abs(x2 - x1));
        int boxH = Math.max(1, Math.abs(y2 - y1));
        double s = Math.min((imageHeight - 1.0) / boxH, Math.min((imageWidth - 1.0) / boxW, scale));
        double newW = boxW * s;
        double newH = boxH * s;
        double cx = boxW / 2.0 + x1;
        double cy = boxH / 2.0 + y1;
        double left = cx - newW / 2;
        double top = cy - newH / 2;
        double right = cx + newW / 2;
        double bottom = cy + newH / 2;
        if (left < 0) {
            right -= left;
            left = 0;
        }
        if (top < 0) {
            bottom -= top;
            top = 0;
        }
        if (right > imageWidth - 1) {
            left -= right - imageWidth + 1;
            right = imageWidth - 1;
        }
        if (bottom > imageHeight - 1) {
            top -= bottom - imageHeight + 1;
            bottom = imageHeight - 1;
        }
        int x = Math.max((int) left, 0);
        int y = Math.max((int) top, 0);
        int w = Math.min((int) (right - left), imageWidth - 1);
        int h = Math.min((int) (bottom - top), imageHeight - 1);
        return new ContextCrop(x, y, Math.max(1, Math.min(w, imageWidth - x)), Math.max(1, Math.min(h, imageHeight - y)));
    }
}
