package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orthogonal waypoints and edge labels. Shapes only live inside columns, each in its own vertical
 * slot, so a route stays clear of them by construction: horizontal runs stay inside the slot of
 * their own node, dummy or lane, and every vertical run lies in the gap between two columns, at an
 * x of its own so parallel edges stay apart.
 *
 * <p>Forward edges leave the source's right side and enter the target's left side, ports spread
 * along the side in the order of the other end. Back edges and edges from boundary events use the
 * lanes that {@link NodeFrames} reserved under their nodes.
 */
final class EdgeRouter {

  static final double LABEL_INSET = 4;

  private final IndexedGraph g;
  private final ProperGraph pg;
  private final NodeFrames f;
  private final boolean[] reversed;
  private final Bounds[] bounds;
  private final double[] vy;
  private final double[] colStart;
  private final double[] colWidth;

  private final double[] startY;
  private final double[] endY;

  /** per edge: leaves its (compact) source by the top (-1) or bottom (+1) corner, else 0. */
  private final int[] exit;

  private final int[] position;

  /** Minimal clearance of a corner exit's target row from the gateway's outline. */
  private static final double CORNER_CLEARANCE = 10;

  EdgeRouter(
      IndexedGraph g,
      ProperGraph pg,
      NodeFrames f,
      boolean[] reversed,
      Bounds[] bounds,
      double[] vy,
      double[] colStart,
      double[] colWidth) {
    this.g = g;
    this.pg = pg;
    this.f = f;
    this.reversed = reversed;
    this.bounds = bounds;
    this.vy = vy;
    this.colStart = colStart;
    this.colWidth = colWidth;
    startY = new double[g.edges.size()];
    endY = new double[g.edges.size()];
    exit = new int[g.edges.size()];
    position = new int[pg.vertexCount];
    for (int[] column : pg.order) {
      for (int i = 0; i < column.length; i++) {
        position[column[i]] = i;
      }
    }
  }

  /** The gap (index of the column to its left) that an edge's label goes into. */
  static int labelGap(IndexedGraph g, boolean[] reversed, int[] layer, int e) {
    int l = layer[g.src[e]];
    return reversed[e] && !g.self[e] ? l - 1 : l;
  }

  private static final class Hop {
    final int edge;
    final int gap;
    final double from;
    final double to;
    final boolean leftward;
    double x;

    Hop(int edge, int gap, double from, double to, boolean leftward) {
      this.edge = edge;
      this.gap = gap;
      this.from = from;
      this.to = to;
      this.leftward = leftward;
    }

    double left() {
      return leftward ? to : from;
    }

    double right() {
      return leftward ? from : to;
    }
  }

  /**
   * Waypoints per edge; fills labels[e] for labelled edges, keeping them clear of the shapes, of
   * the given node labels and of the routes.
   */
  List<List<Point>> route(Bounds[] labels, Bounds[] nodeLabels) {
    int m = g.edges.size();
    assignSidePorts();
    List<List<Point>> heads = new ArrayList<>(m);
    List<List<Hop>> hops = new ArrayList<>(m);
    List<List<Point>> tails = new ArrayList<>(m);
    List<List<Hop>> byGap = new ArrayList<>();
    for (int l = 0; l < pg.layerCount; l++) {
      byGap.add(new ArrayList<>());
    }
    double[] anchorY = new double[m];
    boolean[] nearTarget = new boolean[m];
    for (int e = 0; e < m; e++) {
      List<Point> head = new ArrayList<>();
      List<Hop> edgeHops = new ArrayList<>();
      List<Point> tail = new ArrayList<>();
      Bounds s = main(g.src[e]);
      Bounds t = main(g.tgt[e]);
      int[] chain = pg.chains[e];
      double cur;
      if (!g.self[e] && !reversed[e]) {
        if (g.eventOf[e] >= 0) {
          Bounds ev = bounds[g.eventOf[e]];
          cur = laneY(g.src[e], f.startLane[e]);
          head.add(new Point(ev.centerX(), ev.maxY()));
          head.add(new Point(ev.centerX(), cur));
        } else if (exit[e] != 0) {
          cur = startY[e];
          double cornerY = exit[e] < 0 ? s.y() : s.maxY();
          head.add(new Point(Math.round(s.centerX()), cornerY));
          head.add(new Point(Math.round(s.centerX()), cur));
        } else {
          cur = startY[e];
          head.add(new Point(s.maxX(), cur));
        }
        anchorY[e] = cur;
        for (int j = 0; j + 1 < chain.length; j++) {
          double next = j + 2 == chain.length ? endY[e] : vy[chain[j + 1]];
          edgeHops.add(new Hop(e, pg.layer[chain[j]], cur, next, false));
          cur = next;
        }
        tail.add(new Point(t.x(), cur));
        if (g.eventOf[e] < 0 && isCompact(g.main(g.src[e])) && !edgeHops.isEmpty()) {
          // all flows leave a gateway at one point: label each where it has turned off
          anchorY[e] = edgeHops.get(0).to;
          nearTarget[e] = true;
        }
      } else {
        double sx;
        if (g.eventOf[e] >= 0) {
          Bounds ev = bounds[g.eventOf[e]];
          sx = ev.centerX();
          head.add(new Point(sx, ev.maxY()));
        } else {
          sx = Math.round(s.centerX() + f.startDx[e]);
          head.add(new Point(sx, s.maxY()));
        }
        cur = laneY(g.src[e], f.startLane[e]);
        head.add(new Point(sx, cur));
        anchorY[e] = cur;
        if (!g.self[e]) {
          for (int j = chain.length - 1; j > 0; j--) {
            double next = j == 1 ? laneY(g.tgt[e], f.endLane[e]) : vy[chain[j - 1]];
            edgeHops.add(new Hop(e, pg.layer[chain[j - 1]], cur, next, true));
            cur = next;
          }
        }
        double tx = Math.round(t.centerX() + f.endDx[e]);
        tail.add(new Point(tx, cur));
        tail.add(new Point(tx, t.maxY()));
      }
      for (Hop hop : edgeHops) {
        if (hop.from != hop.to) {
          byGap.get(hop.gap).add(hop);
        }
      }
      heads.add(head);
      hops.add(edgeHops);
      tails.add(tail);
    }
    for (int l = 0; l < byGap.size(); l++) {
      assignChannels(l, byGap.get(l));
    }
    List<List<Point>> routes = new ArrayList<>(m);
    for (int e = 0; e < m; e++) {
      List<Point> points = new ArrayList<>(heads.get(e));
      for (Hop hop : hops.get(e)) {
        if (hop.from != hop.to) {
          points.add(new Point(hop.x, hop.from));
          points.add(new Point(hop.x, hop.to));
        }
      }
      points.addAll(tails.get(e));
      routes.add(simplify(points));
    }
    straightenJogs(routes);
    placeLabels(anchorY, nearTarget, labels);
    refineLabels(routes, labels, nodeLabels);
    return routes;
  }

  /**
   * Side ports: outgoing edges on the right border, incoming on the left, ordered by where the
   * other end lies so they do not cross at the node. Small square shapes (events, gateways) keep
   * every port at the middle of the side, their only point that touches the drawn outline.
   */
  private void assignSidePorts() {
    int n = g.mainCount();
    List<List<Integer>> outs = new ArrayList<>(n);
    List<List<Integer>> ins = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      outs.add(new ArrayList<>());
      ins.add(new ArrayList<>());
    }
    for (int e = 0; e < g.edges.size(); e++) {
      if (g.self[e] || reversed[e]) {
        continue;
      }
      if (g.eventOf[e] < 0) {
        outs.get(g.src[e]).add(e);
      }
      ins.get(g.tgt[e]).add(e);
    }
    for (int v = 0; v < n; v++) {
      List<Integer> out = outs.get(v);
      out.sort(Comparator.comparingDouble(e -> vy[pg.chains[e][1]]));
      for (int i = 0; i < out.size(); i++) {
        startY[out.get(i)] = portY(v, i, out.size());
      }
      if (out.size() >= 2 && isCompact(g.main(v))) {
        assignCorners(v, out);
      }
    }
    for (int v = 0; v < n; v++) {
      List<Integer> in = ins.get(v);
      in.sort(Comparator.comparingDouble(e -> arrivalOrder(e)));
      for (int i = 0; i < in.size(); i++) {
        endY[in.get(i)] = portY(v, i, in.size());
      }
    }
  }

  /**
   * Branches of a gateway each get a point of their own: the topmost branch leaves by the top
   * corner when it goes up, the bottommost by the bottom corner when it goes down, the rest by the
   * right corner. A corner exit turns right inside the free band between the gateway and its
   * neighbour in the column, so it stays clear of shapes.
   */
  private void assignCorners(int v, List<Integer> out) {
    Bounds b = main(v);
    int[] column = pg.order[pg.layer[v]];
    int p = position[v];
    int first = out.get(0);
    double firstY = vy[pg.chains[first][1]];
    boolean labelled = g.nodes.get(g.mainNodes[v]).externalLabel() != null;
    if ((!f.labelAbove[v] || !labelled) && firstY < b.y() - CORNER_CLEARANCE) {
      double turn = firstY;
      if (p > 0) {
        int u = column[p - 1];
        double free = (vy[u] + extentBelow(u) + vy[v] - f.above[v]) / 2;
        turn = Math.max(turn, Math.round(free));
      }
      if (turn < b.y()) {
        exit[first] = -1;
        startY[first] = turn;
      }
    }
    int last = out.get(out.size() - 1);
    double lastY = vy[pg.chains[last][1]];
    if (!f.labelAbove[v] && (f.labelLeft[v] || !labelled)) {
      if (lastY > b.maxY() + CORNER_CLEARANCE) {
        double turn = lastY;
        if (p + 1 < column.length) {
          int w = column[p + 1];
          double free = (vy[v] + f.below[v] + vy[w] - extentAbove(w)) / 2;
          turn = Math.min(turn, Math.round(free));
        }
        if (turn > b.maxY()) {
          exit[last] = 1;
          startY[last] = turn;
        }
      }
    }
  }

  private double extentBelow(int vertex) {
    return vertex < g.mainCount() ? f.below[vertex] : 0;
  }

  private double extentAbove(int vertex) {
    return vertex < g.mainCount() ? f.above[vertex] : 0;
  }

  private double arrivalOrder(int e) {
    int[] chain = pg.chains[e];
    if (chain.length > 2) {
      return vy[chain[chain.length - 2]];
    }
    return g.eventOf[e] >= 0 ? laneY(g.src[e], f.startLane[e]) : startY[e];
  }

  private double portY(int v, int i, int k) {
    Bounds b = main(v);
    LayoutGraph.Node node = g.main(v);
    if (k == 1 || isCompact(node)) {
      return Math.round(b.centerY());
    }
    // keep clear of boundary events sitting on the bottom border
    double usable = b.height() - (f.eventDrop[v] > 0 ? f.eventDrop[v] + 2 : 0);
    return Math.round(b.y() + usable * (i + 1) / (k + 1));
  }

  /**
   * Distinct x per vertical run in a gap. Runs going down are ordered by falling start, runs going
   * up by rising start, which avoids crossings among runs of the same direction.
   */
  private void assignChannels(int gap, List<Hop> hops) {
    if (hops.isEmpty()) {
      return;
    }
    List<Hop> sorted = new ArrayList<>(hops);
    sorted.sort(
        Comparator.<Hop>comparingInt(h -> h.right() > h.left() ? 0 : 1)
            .thenComparingDouble(h -> h.right() > h.left() ? -h.left() : h.left())
            .thenComparingInt(h -> h.edge));
    double start = colStart[gap] + colWidth[gap];
    double width = colStart[gap + 1] - start;
    for (int i = 0; i < sorted.size(); i++) {
      sorted.get(i).x = Math.round(start + width * (i + 1) / (sorted.size() + 1));
    }
  }

  /**
   * A label sits in the gap its edge first crosses, just above the edge's first horizontal run (or
   * the run after the first turn, for gateways); gaps hold no shapes, and labels already placed
   * there push it further down.
   */
  private void placeLabels(double[] anchorY, boolean[] nearTarget, Bounds[] labels) {
    List<List<Bounds>> placed = new ArrayList<>();
    for (int l = 0; l <= pg.layerCount; l++) {
      placed.add(new ArrayList<>());
    }
    for (int e = 0; e < g.edges.size(); e++) {
      TextSize size = f.edgeLabel[e];
      if (size == null) {
        continue;
      }
      int gap = labelGap(g, reversed, pg.layer, e);
      double gapStart = colStart[gap] + colWidth[gap];
      double x =
          (reversed[e] && !g.self[e]) || nearTarget[e]
              ? colStart[gap + 1] - LABEL_INSET - size.width()
              : gapStart + LABEL_INSET;
      Bounds label =
          new Bounds(Math.round(x), anchorY[e] - size.height() - 2, size.width(), size.height());
      List<Bounds> here = placed.get(gap);
      boolean moved = true;
      while (moved) {
        moved = false;
        for (Bounds other : here) {
          if (other.intersects(label)) {
            label = new Bounds(label.x(), other.maxY() + 2, label.width(), label.height());
            moved = true;
          }
        }
      }
      here.add(label);
      labels[e] = label;
    }
  }

  /** Clearance kept between a label and any flow other than its own. */
  private static final double FOREIGN_CLEARANCE = 5;

  /**
   * Moves each edge label that some flow runs through (or that sits closer to another flow than
   * to its own) to the first free spot along its own route: beside a straight run, at its start or
   * end, above or below (left or right of vertical runs). A label without a free spot keeps its
   * place.
   */
  private void refineLabels(List<List<Point>> routes, Bounds[] labels, Bounds[] nodeLabels) {
    List<Bounds> solid = new ArrayList<>();
    for (Bounds b : bounds) {
      solid.add(b);
    }
    for (Bounds b : nodeLabels) {
      if (b != null) {
        solid.add(b);
      }
    }
    for (int e = 0; e < labels.length; e++) {
      if (labels[e] == null) {
        continue;
      }
      Bounds current = labels[e];
      labels[e] = null;
      if (free(current, e, routes, labels, solid)) {
        labels[e] = current;
        continue;
      }
      labels[e] = current;
      for (Bounds candidate : candidates(routes.get(e), current.width(), current.height())) {
        if (free(candidate, e, routes, labels, solid)) {
          labels[e] = candidate;
          break;
        }
      }
    }
  }

  private static List<Bounds> candidates(List<Point> route, double w, double h) {
    List<Bounds> out = new ArrayList<>();
    double in = LABEL_INSET;
    for (int i = 1; i < route.size(); i++) {
      Point a = route.get(i - 1);
      Point b = route.get(i);
      if (a.y() == b.y()) {
        double lo = Math.min(a.x(), b.x());
        double hi = Math.max(a.x(), b.x());
        if (hi - lo < w + 2 * in) {
          continue;
        }
        boolean rightward = b.x() >= a.x();
        double[] xs = slide(lo + in, hi - in - w, rightward);
        for (double y : new double[] {a.y() - h - 2, a.y() + 2}) {
          for (double x : xs) {
            out.add(new Bounds(Math.round(x), Math.round(y), w, h));
          }
        }
      } else {
        double lo = Math.min(a.y(), b.y());
        double hi = Math.max(a.y(), b.y());
        if (hi - lo < h + 2 * in) {
          continue;
        }
        boolean downward = b.y() >= a.y();
        double[] ys = slide(lo + in, hi - in - h, downward);
        for (double x : new double[] {a.x() + 4, a.x() - 4 - w}) {
          for (double y : ys) {
            out.add(new Bounds(Math.round(x), Math.round(y), w, h));
          }
        }
      }
    }
    return out;
  }

  /** Positions from one end of a run to the other: both ends first, then every 12 px between. */
  private static double[] slide(double from, double to, boolean forward) {
    int steps = (int) Math.min(40, Math.floor((to - from) / 12));
    double[] out = new double[steps + 2];
    out[0] = forward ? from : to;
    out[1] = forward ? to : from;
    for (int i = 1; i <= steps; i++) {
      out[i + 1] = forward ? from + 12 * i : to - 12 * i;
    }
    return out;
  }

  private static boolean free(
      Bounds label, int e, List<List<Point>> routes, Bounds[] labels, List<Bounds> solid) {
    if (label.x() < 0 || label.y() < 0) {
      return false;
    }
    for (Bounds b : solid) {
      if (b.intersects(label)) {
        return false;
      }
    }
    Bounds padded = grow(label, 2);
    for (int o = 0; o < labels.length; o++) {
      if (o != e && labels[o] != null && labels[o].intersects(padded)) {
        return false;
      }
    }
    for (int o = 0; o < routes.size(); o++) {
      if (crosses(routes.get(o), grow(label, o == e ? 1 : FOREIGN_CLEARANCE))) {
        return false;
      }
    }
    double own = distance(label, routes.get(e));
    for (int o = 0; o < routes.size(); o++) {
      if (o != e && distance(label, routes.get(o)) <= own + 1) {
        return false;
      }
    }
    return true;
  }

  /** Shortest distance between a rectangle and an orthogonal polyline. */
  private static double distance(Bounds b, List<Point> route) {
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

  private static Bounds grow(Bounds b, double by) {
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

  /** Events and gateways: small shapes whose outline touches the box only mid-side. */
  private static boolean isCompact(LayoutGraph.Node node) {
    return NodeFrames.isCompact(node);
  }

  private double laneY(int v, int lane) {
    return main(v).maxY() + f.eventDrop[v] + NodeFrames.LANE_GAP * (lane + 1);
  }

  private Bounds main(int v) {
    return bounds[g.mainNodes[v]];
  }

  /** Vertical steps shorter than this at either end of a route are straightened away. */
  static final double MIN_JOG = 10;

  /**
   * Removes short vertical steps next to a route's ends: when the first (last) horizontal run of
   * a forward edge can move onto the height of the run after (before) its step while its end
   * stays on the side of a task, away from the other ports there, the step disappears.
   */
  private void straightenJogs(List<List<Point>> routes) {
    java.util.Set<Point> ends = new java.util.HashSet<>();
    for (List<Point> r : routes) {
      ends.add(r.get(0));
      ends.add(r.get(r.size() - 1));
    }
    for (int e = 0; e < routes.size(); e++) {
      if (g.self[e] || reversed[e]) {
        continue;
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        List<Point> r = new ArrayList<>(routes.get(e));
        int k = r.size();
        // at the target: ... (x, y1) (x, y2) (tx, y2) with |y1 - y2| small
        if (k >= 4 && !isCompact(g.main(g.tgt[e]))) {
          Point a = r.get(k - 3);
          Point b = r.get(k - 2);
          Point end = r.get(k - 1);
          Bounds t = main(g.tgt[e]);
          double y = a.y();
          if (a.x() == b.x() && b.y() == end.y() && Math.abs(a.y() - b.y()) < MIN_JOG
              && end.x() == t.x() && portFree(ends, end.x(), y, end, t)) {
            ends.remove(end);
            Point moved = new Point(end.x(), y);
            ends.add(moved);
            r.set(k - 1, moved);
            r.set(k - 2, new Point(b.x(), y));
            routes.set(e, simplify(r));
            changed = true;
            continue;
          }
        }
        // at the source: (sx, y1) (x, y1) (x, y2) ... with |y1 - y2| small
        if (k >= 4 && g.eventOf[e] < 0 && !isCompact(g.main(g.src[e]))) {
          Point start = r.get(0);
          Point a = r.get(1);
          Point b = r.get(2);
          Bounds s = main(g.src[e]);
          double y = b.y();
          if (a.x() == b.x() && start.y() == a.y() && Math.abs(a.y() - b.y()) < MIN_JOG
              && start.x() == s.maxX() && portFree(ends, start.x(), y, start, s)) {
            ends.remove(start);
            Point moved = new Point(start.x(), y);
            ends.add(moved);
            r.set(0, moved);
            r.set(1, new Point(a.x(), y));
            routes.set(e, simplify(r));
            changed = true;
          }
        }
      }
    }
  }

  /** Whether (x, y) lies on the side of the box, clear of its corners and of other route ends. */
  private boolean portFree(java.util.Set<Point> ends, double x, double y, Point self, Bounds box) {
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

  /** Drops repeated points and points in the middle of a straight run. */
  private static List<Point> simplify(List<Point> points) {
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
}
