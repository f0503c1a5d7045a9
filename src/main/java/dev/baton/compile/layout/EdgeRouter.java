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

  /** Waypoints per edge; fills labels[e] for labelled edges. */
  List<List<Point>> route(Bounds[] labels) {
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
    placeLabels(anchorY, nearTarget, labels);
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
