package dev.baton.compile.layout;

public record Bounds(double x, double y, double width, double height) {
  public double maxX() { return x + width; }
  public double maxY() { return y + height; }
}
