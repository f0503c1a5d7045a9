package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Side ports: outgoing edges on the right border, incoming on the left, ordered by where the
 * other end lies so they do not cross at the node. Small square shapes (events, gateways) keep
 * every port at the middle of the side, their only point that touches the drawn outline; their
 * outermost branches may leave by the top or bottom corner instead.
 */
final class SidePorts {

  /** Minimal clearance of a corner exit's target row from the gateway's outline. */
  private static final double CORNER_CLEARANCE = 10;

  private final Placement p;
  private final IndexedGraph g;
  private final ProperGraph pg;
  private final NodeFrames f;
  private final double[] vy;
  /** The index of each vertex inside its column. */
  private final int[] position;

  // filled per edge while assigning; only forward edges that are not event flows get ports
  private final double[] startY;
  private final double[] endY;
  private final Port.Exit[] exit;

  SidePorts(Placement placement) {
    this.p = placement;
    this.g = placement.g();
    this.pg = placement.pg();
    this.f = placement.frames();
    this.vy = placement.vy();
    int m = g.edges.size();
    startY = new double[m];
    endY = new double[m];
    exit = new Port.Exit[m];
    Arrays.fill(exit, Port.Exit.SIDE);
    position = new int[pg.vertexCount];
    for (int[] column : pg.order) {
      for (int i = 0; i < column.length; i++) {
        position[column[i]] = i;
      }
    }
  }

  /** The port of every edge, by edge index. */
  Port[] assign() {
    int n = g.mainCount();
    List<List<Integer>> outs = new ArrayList<>(n);
    List<List<Integer>> ins = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      outs.add(new ArrayList<>());
      ins.add(new ArrayList<>());
    }
    for (int e = 0; e < g.edges.size(); e++) {
      if (!p.forward(e)) {
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
      if (out.size() >= 2 && NodeFrames.isCompact(g.main(v))) {
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
    Port[] ports = new Port[g.edges.size()];
    for (int e = 0; e < ports.length; e++) {
      ports[e] = new Port(startY[e], endY[e], exit[e]);
    }
    return ports;
  }

  /**
   * Branches of a gateway each get a point of their own: the topmost branch leaves by the top
   * corner when it goes up, the bottommost by the bottom corner when it goes down, the rest by the
   * right corner. A corner exit turns right inside the free band between the gateway and its
   * neighbour in the column, so it stays clear of shapes.
   */
  private void assignCorners(int v, List<Integer> out) {
    Bounds b = p.main(v);
    int[] column = pg.order[pg.layer[v]];
    int at = position[v];
    int first = out.get(0);
    double firstY = vy[pg.chains[first][1]];
    boolean labelled = g.nodes.get(g.mainNodes[v]).externalLabel() != null;
    if ((!f.labelAbove[v] || !labelled) && firstY < b.y() - CORNER_CLEARANCE) {
      double turn = firstY;
      if (at > 0) {
        int u = column[at - 1];
        double free = (vy[u] + extentBelow(u) + vy[v] - f.above[v]) / 2;
        turn = Math.max(turn, Math.round(free));
      }
      if (turn < b.y()) {
        exit[first] = Port.Exit.TOP;
        startY[first] = turn;
      }
    }
    int last = out.get(out.size() - 1);
    double lastY = vy[pg.chains[last][1]];
    if (!f.labelAbove[v] && (f.labelLeft[v] || !labelled)) {
      if (lastY > b.maxY() + CORNER_CLEARANCE) {
        double turn = lastY;
        if (at + 1 < column.length) {
          int w = column[at + 1];
          double free = (vy[v] + f.below[v] + vy[w] - extentAbove(w)) / 2;
          turn = Math.min(turn, Math.round(free));
        }
        if (turn > b.maxY()) {
          exit[last] = Port.Exit.BOTTOM;
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
    return g.eventOf[e] >= 0 ? p.laneY(g.src[e], f.startLane[e]) : startY[e];
  }

  private double portY(int v, int i, int k) {
    Bounds b = p.main(v);
    LayoutGraph.Node node = g.main(v);
    if (k == 1 || NodeFrames.isCompact(node)) {
      return Math.round(b.centerY());
    }
    // keep clear of boundary events sitting on the bottom border
    double usable = b.height() - (f.eventDrop[v] > 0 ? f.eventDrop[v] + 2 : 0);
    return Math.round(b.y() + usable * (i + 1) / (k + 1));
  }
}
