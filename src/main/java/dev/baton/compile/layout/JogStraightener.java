package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Straightens short vertical steps next to the ends of forward routes. */
final class JogStraightener {

  /** Vertical steps shorter than this at either end of a route are straightened away. */
  static final double MIN_JOG = 10;

  private final Placement p;
  private final IndexedGraph g;
  private final NodeFrames f;

  JogStraightener(Placement placement) {
    this.p = placement;
    this.g = placement.g();
    this.f = placement.frames();
  }

  /**
   * Removes short vertical steps next to a route's ends: when the first (last) horizontal run of
   * a forward edge can move onto the height of the run after (before) its step while its end
   * stays on the side of a task, away from the other ports there, the step disappears.
   */
  void straighten(List<List<Point>> routes) {
    Set<Point> ends = new HashSet<>();
    for (List<Point> r : routes) {
      ends.add(r.get(0));
      ends.add(r.get(r.size() - 1));
    }
    for (int e = 0; e < routes.size(); e++) {
      if (!p.forward(e)) {
        continue;
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        List<Point> r = new ArrayList<>(routes.get(e));
        int k = r.size();
        // at the target: ... (x, y1) (x, y2) (tx, y2) with |y1 - y2| small
        if (k >= 4 && !NodeFrames.isCompact(g.main(g.tgt[e]))) {
          Point a = r.get(k - 3);
          Point b = r.get(k - 2);
          Point end = r.get(k - 1);
          Bounds t = p.main(g.tgt[e]);
          double y = a.y();
          if (a.x() == b.x() && b.y() == end.y() && Math.abs(a.y() - b.y()) < MIN_JOG
              && end.x() == t.x() && portFree(ends, end.x(), y, end, t)) {
            ends.remove(end);
            Point moved = new Point(end.x(), y);
            ends.add(moved);
            r.set(k - 1, moved);
            r.set(k - 2, new Point(b.x(), y));
            routes.set(e, Polylines.simplify(r));
            changed = true;
            continue;
          }
        }
        // at the source: (sx, y1) (x, y1) (x, y2) ... with |y1 - y2| small
        if (k >= 4 && g.eventOf[e] < 0 && !NodeFrames.isCompact(g.main(g.src[e]))) {
          Point start = r.get(0);
          Point a = r.get(1);
          Point b = r.get(2);
          Bounds s = p.main(g.src[e]);
          double y = b.y();
          if (a.x() == b.x() && start.y() == a.y() && Math.abs(a.y() - b.y()) < MIN_JOG
              && start.x() == s.maxX() && portFree(ends, start.x(), y, start, s)) {
            ends.remove(start);
            Point moved = new Point(start.x(), y);
            ends.add(moved);
            r.set(0, moved);
            r.set(1, new Point(a.x(), y));
            routes.set(e, Polylines.simplify(r));
            changed = true;
          }
        }
      }
    }
  }

  /** Whether (x, y) lies on the side of the box, clear of its corners and of other route ends. */
  private boolean portFree(Set<Point> ends, double x, double y, Point self, Bounds box) {
    if (y < box.y() + 8 || y > box.maxY() - 8 - (f.eventDrop.length > 0 ? 0 : 0)) {
      return false;
    }
    for (Point p : ends) {
      if (!p.equals(self) && p.x() == x && Math.abs(p.y() - y) < 8) {
        return false;
      }
    }
    return true;
  }
}
