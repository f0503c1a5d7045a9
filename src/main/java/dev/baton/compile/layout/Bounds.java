package dev.baton.compile.layout;

/** An axis-aligned rectangle in diagram coordinates (x to the right, y down). */
public record Bounds(double x, double y, double width, double height) {

  public double maxX() {
    return x + width;
  }

  public double maxY() {
    return y + height;
  }

  public double centerX() {
    return x + width / 2;
  }

  public double centerY() {
    return y + height / 2;
  }

  /** Whether the interiors overlap; rectangles that only touch do not intersect. */
  public boolean intersects(Bounds other) {
    return x < other.maxX() && other.x < maxX() && y < other.maxY() && other.y < maxY();
  }
}
