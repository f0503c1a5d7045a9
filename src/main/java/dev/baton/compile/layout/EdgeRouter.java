package dev.baton.compile.layout;

import dev.baton.compile.layout.LabelPlacer.LabelAnchor;
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
 * along the side in the order of the other end ({@link SidePorts}). Back edges and edges from
 * boundary events use the lanes that {@link NodeFrames} reserved under their nodes. Once routed,
 * short steps at the ends are straightened ({@link JogStraightener}), back edges that cut
 * through other flows go round underneath ({@link BackEdgeDetours}) and labels are placed ({@link
 * LabelPlacer}).
 */
final class EdgeRouter {

  private final Placement p;
  private final IndexedGraph g;
  private final ProperGraph pg;
  private final NodeFrames f;
  private final double[] vy;

  EdgeRouter(Placement placement) {
    this.p = placement;
    this.g = placement.g();
    this.pg = placement.pg();
    this.f = placement.frames();
    this.vy = placement.vy();
  }

  /**
   * One edge before its vertical runs have an x: the points before the first run, the runs, the
   * points after the last, and where its label rests.
   */
  private static final class Draft {
    final List<Point> head = new ArrayList<>();
    final List<Hop> hops = new ArrayList<>();
    final List<Point> tail = new ArrayList<>();
    LabelAnchor anchor;
  }

  /**
   * Waypoints per edge; fills labels[e] for labelled edges, keeping them clear of the shapes, of
   * the given node labels and of the routes.
   */
  List<List<Point>> route(Bounds[] labels, Bounds[] nodeLabels) {
    int m = g.edges.size();
    Port[] ports = new SidePorts(p).assign();
    List<Draft> drafts = new ArrayList<>(m);
    List<List<Hop>> byGap = new ArrayList<>();
    for (int l = 0; l < pg.layerCount; l++) {
      byGap.add(new ArrayList<>());
    }
    for (int e = 0; e < m; e++) {
      Draft draft = new Draft();
      draft.anchor = p.forward(e) ? forward(e, ports[e], draft) : backward(e, draft);
      for (Hop hop : draft.hops) {
        if (hop.moves()) {
          byGap.get(hop.gap).add(hop);
        }
      }
      drafts.add(draft);
    }
    for (int l = 0; l < byGap.size(); l++) {
      assignChannels(l, byGap.get(l));
    }
    List<List<Point>> routes = new ArrayList<>(m);
    LabelAnchor[] anchors = new LabelAnchor[m];
    for (int e = 0; e < m; e++) {
      Draft draft = drafts.get(e);
      List<Point> points = new ArrayList<>(draft.head);
      for (Hop hop : draft.hops) {
        if (hop.moves()) {
          points.add(new Point(hop.x, hop.from));
          points.add(new Point(hop.x, hop.to));
        }
      }
      points.addAll(draft.tail);
      routes.add(Polylines.simplify(points));
      anchors[e] = draft.anchor;
    }
    new JogStraightener(p).straighten(routes);
    new BackEdgeDetours(p).apply(routes, nodeLabels);
    new LabelPlacer(p).place(anchors, routes, labels, nodeLabels);
    return routes;
  }

  /** A forward edge: out of the source's right side (or corner, or event), along the chain. */
  private LabelAnchor forward(int e, Port port, Draft draft) {
    Bounds s = p.main(g.src[e]);
    double cur;
    if (g.eventOf[e] >= 0) {
      Bounds ev = p.bounds()[g.eventOf[e]];
      cur = p.laneY(g.src[e], f.startLane[e]);
      draft.head.add(new Point(ev.centerX(), ev.maxY()));
      draft.head.add(new Point(ev.centerX(), cur));
    } else if (port.exit() != Port.Exit.SIDE) {
      cur = port.startY();
      double cornerY = port.exit() == Port.Exit.TOP ? s.y() : s.maxY();
      draft.head.add(new Point(Math.round(s.centerX()), cornerY));
      draft.head.add(new Point(Math.round(s.centerX()), cur));
    } else {
      cur = port.startY();
      draft.head.add(new Point(s.maxX(), cur));
    }
    double anchorY = cur;
    boolean nearTarget = false;
    int[] chain = pg.chains[e];
    for (int j = 0; j + 1 < chain.length; j++) {
      double next = j + 2 == chain.length ? port.endY() : vy[chain[j + 1]];
      draft.hops.add(new Hop(e, pg.layer[chain[j]], cur, next, false));
      cur = next;
    }
    draft.tail.add(new Point(p.main(g.tgt[e]).x(), cur));
    if (g.eventOf[e] < 0 && NodeFrames.isCompact(g.main(g.src[e])) && !draft.hops.isEmpty()) {
      // all flows leave a gateway at one point: label each where it has turned off
      anchorY = draft.hops.get(0).to;
      nearTarget = true;
    }
    return new LabelAnchor(anchorY, nearTarget);
  }

  /** A back edge or self-loop: down into the source's lane, leftwards, up into the target. */
  private LabelAnchor backward(int e, Draft draft) {
    double sx;
    if (g.eventOf[e] >= 0) {
      Bounds ev = p.bounds()[g.eventOf[e]];
      sx = ev.centerX();
      draft.head.add(new Point(sx, ev.maxY()));
    } else {
      Bounds s = p.main(g.src[e]);
      sx = Math.round(s.centerX() + f.startDx[e]);
      draft.head.add(new Point(sx, s.maxY()));
    }
    double cur = p.laneY(g.src[e], f.startLane[e]);
    draft.head.add(new Point(sx, cur));
    double anchorY = cur;
    if (!g.self[e]) {
      int[] chain = pg.chains[e];
      for (int j = chain.length - 1; j > 0; j--) {
        double next = j == 1 ? p.laneY(g.tgt[e], f.endLane[e]) : vy[chain[j - 1]];
        draft.hops.add(new Hop(e, pg.layer[chain[j - 1]], cur, next, true));
        cur = next;
      }
    }
    Bounds t = p.main(g.tgt[e]);
    double tx = Math.round(t.centerX() + f.endDx[e]);
    draft.tail.add(new Point(tx, cur));
    draft.tail.add(new Point(tx, t.maxY()));
    return new LabelAnchor(anchorY, false);
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
    double start = p.columns().gapStart(gap);
    double width = p.columns().gapEnd(gap) - start;
    for (int i = 0; i < sorted.size(); i++) {
      sorted.get(i).x = Math.round(start + width * (i + 1) / (sorted.size() + 1));
    }
  }
}
