package org.openliveness.engine.geometry;

/**
 * An axis-aligned rectangle in continuous pixel coordinates (origin top-left, x right, y down),
 * covering {@code [x, x + width] × [y, y + height]}. Width and height are non-negative; the area is
 * {@code width·height} (no "+1" pixel-count convention).
 *
 * @param x      left edge in pixels
 * @param y      top edge in pixels
 * @param width  width in pixels, {@code >= 0}
 * @param height height in pixels, {@code >= 0}
 */
public record Box(double x, double y, double width, double height) {

    public Box {
        Points.requireFinite(x, "x");
        Points.requireFinite(y, "y");
        Points.requireFinite(width, "width");
        Points.requireFinite(height, "height");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must be >= 0, got " + width + "x" + height);
        }
    }

    /** The box spanning two opposite corners given in any order. */
    public static Box fromCorners(double x1, double y1, double x2, double y2) {
        return new Box(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }

    /** Right edge {@code x + width}. */
    public double x2() {
        return x + width;
    }

    /** Bottom edge {@code y + height}. */
    public double y2() {
        return y + height;
    }

    /** Horizontal centre {@code x + width/2}. */
    public double centerX() {
        return x + width / 2;
    }

    /** Vertical centre {@code y + height/2}. */
    public double centerY() {
        return y + height / 2;
    }

    /** Area {@code width·height} in square pixels. */
    public double area() {
        return width * height;
    }
}
