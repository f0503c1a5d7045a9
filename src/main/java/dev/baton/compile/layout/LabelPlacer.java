package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Edge labels: each first goes into the gap its edge first crosses, just above the edge's first
 * horizontal run, then moves along its own route when a flow runs through it.
 */
final class LabelPlacer {

  static final double LABEL_INSET = 4;

  /** Clearance kept between a label and any flow other than its own. */
  private static final double FOREIGN_CLEARANCE = 5;

  /**
   * The height a label rests on and whether it goes to the target's end of its gap (back edges
   * and flows that turned off a gateway) rather than the source's.
   */
  record LabelAnchor(double y, boolean nearTarget) {}

  private final IndexedGraph g;
  private final ProperGraph pg;
  private final NodeFrames f;
  private final boolean[] reversed;
  private final Bounds[] bounds;
  private final Columns columns;

  LabelPlacer(Placement placement) {
    this.g = placement.g();
    this.pg = placement.pg();
    this.f = placement.frames();
    this.reversed = placement.reversed();
    this.bounds = placement.bounds();
    this.columns = placement.columns();
  }

  /** The gap (index of the column to its left) that an edge's label goes into. */
  static int labelGap(IndexedGraph g, boolean[] reversed, int[] layer, int e) {
    int l = layer[g.src[e]];
    return reversed[e] && !g.self[e] ? l - 1 : l;
  }

  /**
   * Fills labels[e] for labelled edges, keeping them clear of the shapes, of the given node
   * labels and of the routes.
   */
  void place(
      LabelAnchor[] anchors, List<List<Point>> routes, Bounds[] labels, Bounds[] nodeLabels) {
    placeLabels(anchors, labels);
    refineLabels(routes, labels, nodeLabels);
  }

  /**
   * A label sits in the gap its edge first crosses, just above the edge's first horizontal run (or
   * the run after the first turn, for gateways); gaps hold no shapes, and labels already placed
   * there push it further down.
   */
  private void placeLabels(LabelAnchor[] anchors, Bounds[] labels) {
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
      double gapStart = columns.gapStart(gap);
      double x =
          (reversed[e] && !g.self[e]) || anchors[e].nearTarget()
              ? columns.gapEnd(gap) - LABEL_INSET - size.width()
              : gapStart + LABEL_INSET;
      Bounds label =
          new Bounds(Math.round(x), anchors[e].y() - size.height() - 2, size.width(), size.height());
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
    Bounds padded = Polylines.grow(label, 2);
    for (int o = 0; o < labels.length; o++) {
      if (o != e && labels[o] != null && labels[o].intersects(padded)) {
        return false;
      }
    }
    for (int o = 0; o < routes.size(); o++) {
      if (Polylines.crosses(routes.get(o), Polylines.grow(label, o == e ? 1 : FOREIGN_CLEARANCE))) {
        return false;
      }
    }
    double own = Polylines.distance(label, routes.get(e));
    for (int o = 0; o < routes.size(); o++) {
      if (o != e && Polylines.distance(label, routes.get(o)) <= own + 1) {
        return false;
      }
    }
    return true;
  }
}
