package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.List;

/** Geometry of orthogonal polylines (routes) against rectangles. */
final class Polylines {

  private Polylines() {}

  /** Drops repeated points and points in the middle of a straight run. */
  static List<Point> simplify(List<Point> points) {
    List<Point> out = new ArrayList<>();
    for (Point p : points) {
      if (!out.isEmpty() && out.get(out.size() - 1).equals(p)) {
        continue;
      }
      if (out.size() >= 2) {
        Point a = out.get(out.size() - 2);
        Point b = out.get(out.size() - 1);
        if ((a.x() == b.x() && b.x() == p.x()) || (a.y() == b.y() && b.y() == p.y())) {
          out.set(out.size() - 1, p);
          continue;
        }
      }
      out.add(p);
    }
    return out;
  }

  /** Shortest distance between a rectangle and an orthogonal polyline. */
  static double distance(Bounds b, List<Point> route) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 1; i < route.size(); i++) {
      Point p = route.get(i - 1);
      Point q = route.get(i);
      double dx =
          Math.max(0, Math.max(b.x() - Math.max(p.x(), q.x()), Math.min(p.x(), q.x()) - b.maxX()));
      double dy =
          Math.max(0, Math.max(b.y() - Math.max(p.y(), q.y()), Math.min(p.y(), q.y()) - b.maxY()));
      best = Math.min(best, Math.hypot(dx, dy));
    }
    return best;
  }

  static Bounds grow(Bounds b, double by) {
    return new Bounds(b.x() - by, b.y() - by, b.width() + 2 * by, b.height() + 2 * by);
  }

  /** Whether an orthogonal polyline passes through the open interior of a rectangle. */
  static boolean crosses(List<Point> points, Bounds b) {
    for (int i = 1; i < points.size(); i++) {
      Point p = points.get(i - 1);
      Point q = points.get(i);
      double minX = Math.min(p.x(), q.x());
      double maxX = Math.max(p.x(), q.x());
      double minY = Math.min(p.y(), q.y());
      double maxY = Math.max(p.y(), q.y());
      boolean xInside =
          minX == maxX ? minX > b.x() && minX < b.maxX() : minX < b.maxX() && maxX > b.x();
      boolean yInside =
          minY == maxY ? minY > b.y() && minY < b.maxY() : minY < b.maxY() && maxY > b.y();
      if (xInside && yInside) {
        return true;
      }
    }
    return false;
  }
}
