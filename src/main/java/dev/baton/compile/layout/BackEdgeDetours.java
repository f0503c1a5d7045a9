package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Redraws back edges that cross other flows around the bottom of what they span. A back edge
 * normally runs left in the lanes under the nodes it passes; where flows drop from a task's
 * boundary events to end events below a gateway (an approval's escalations and timeout, a budget
 * override's refusal), the gateway's way back has to cut through them. Going down and under
 * everything it spans, then up into its target, crosses nothing there.
 *
 * <p>A detour replaces a route only when it crosses fewer flows and runs through no shape and no
 * node label. Shorter back edges are redrawn first, so longer ones take the deeper lanes and
 * jog further right, which nests them without crossing one another.
 */
final class BackEdgeDetours {

  /** Vertical distance between detour lanes, and between a lane and what it passes under. */
  private static final double LANE_GAP = NodeFrames.LANE_GAP;
  /** Places tried, across the gap right of the source, for the run down to the lane. */
  private static final int JOG_CHOICES = 6;
  /** Lanes under the source tried for the run right into that gap. */
  private static final int JOG_LANES = 3;
  /** Where along the source's bottom a detour may start, from its centre. */
  private static final double[] START_SHIFTS = {0, 10, -10, 20, -20};
  /** Corridors between rows of shapes tried per way down, nearest the source first. */
  private static final int MAX_FLOORS = 8;

  private final Placement p;
  private final IndexedGraph g;

  /** A detour already drawn: the span of its lane and its height, and the x of its run down. */
  private record Lane(double minX, double maxX, double y, double downX) {}

  BackEdgeDetours(Placement placement) {
    this.p = placement;
    this.g = placement.g();
  }

  /** Replaces, in place, the routes of back edges that a detour would cross less. */
  void apply(List<List<Point>> routes, Bounds[] nodeLabels) {
    List<Bounds> solid = new ArrayList<>();
    for (Bounds b : p.bounds()) {
      solid.add(b);
    }
    for (Bounds b : nodeLabels) {
      if (b != null) {
        solid.add(b);
      }
    }
    List<Integer> crossing = new ArrayList<>();
    for (int e = 0; e < g.edges.size(); e++) {
      if (!p.forward(e) && !g.self[e] && routes.get(e).size() >= 2
          && crossings(routes, e, routes.get(e), Set.of()) > 0) {
        crossing.add(e);
      }
    }
    crossing.sort(Comparator.comparingDouble((Integer e) -> span(routes.get(e)))
        .thenComparingInt(e -> e));
    // each is weighed against the flows that stay and the detours already decided, not
    // against back edges that may yet move out of its way
    Set<Integer> undecided = new HashSet<>(crossing);
    List<Lane> lanes = new ArrayList<>();
    for (int e : crossing) {
      undecided.remove(e);
      List<Point> current = routes.get(e);
      int best = crossings(routes, e, current, undecided);
      if (best == 0) {
        continue;
      }
      List<Point> chosen = null;
      Lane chosenLane = null;
      for (Detour detour : detours(e, current, routes, undecided, solid, lanes)) {
        if (blocked(detour.route(), solid)) {
          continue;
        }
        int count = crossings(routes, e, detour.route(), undecided);
        if (count < best || (count == best && chosen != null
            && length(detour.route()) < length(chosen))) {
          best = count;
          chosen = detour.route();
          chosenLane = detour.lane();
        }
      }
      if (chosen != null) {
        routes.set(e, chosen);
        lanes.add(chosenLane);
      }
    }
  }

  private record Detour(List<Point> route, Lane lane) {}

  /**
   * Ways round for edge {@code e}: from its source's bottom straight down, or down into one of
   * the lanes under the source, right into the gap after it and down from there; then left under
   * everything between the two ends and up into the target where the current route enters it.
   * The start may move along the source's bottom, so that a detour drawn later (a longer one)
   * can leave right of an earlier one from the same source and nest round it.
   */
  private List<Detour> detours(int e, List<Point> current, List<List<Point>> routes,
      Set<Integer> undecided, List<Bounds> solid, List<Lane> lanes) {
    Point end = current.get(current.size() - 1);
    Bounds source = g.eventOf[e] >= 0 ? p.bounds()[g.eventOf[e]] : p.main(g.src[e]);
    List<Double> startXs = new ArrayList<>(List.of(current.get(0).x()));
    if (g.eventOf[e] < 0) {
      for (double dx : START_SHIFTS) {
        double x = Math.round(source.centerX() + dx);
        if (x > source.x() && x < source.maxX() && !startXs.contains(x)) {
          startXs.add(x);
        }
      }
    }
    List<Double> downXs = new ArrayList<>();
    int gap = p.pg().layer[g.src[e]];
    if (gap + 1 < p.columns().start().length) {
      double from = Math.max(p.columns().gapStart(gap), source.maxX());
      double width = p.columns().gapEnd(gap) - from;
      for (int k = 1; k <= JOG_CHOICES; k++) {
        downXs.add((double) Math.round(from + width * k / (JOG_CHOICES + 1)));
      }
    }
    List<Detour> detours = new ArrayList<>();
    for (double startX : startXs) {
      Point start = new Point(startX, current.get(0).y());
      List<double[]> ways = new ArrayList<>();
      ways.add(new double[] {startX, Double.NaN}); // straight down
      for (double downX : downXs) {
        for (int lane = 0; lane < JOG_LANES; lane++) {
          ways.add(new double[] {downX, p.laneY(g.src[e], lane)});
        }
      }
      for (double[] way : ways) {
        for (List<Point> tail : tails(current)) {
          double downX = way[0];
          double minX = Math.min(tail.get(0).x(), startX);
          double maxX = Math.max(downX, startX);
          double deepest = laneBelow(minX, maxX, downX, routes, e, undecided, solid, lanes);
          if (Double.isNaN(deepest)) {
            continue;
          }
          double turn = Double.isNaN(way[1]) ? start.y() : way[1];
          for (double y : floors(minX, maxX, turn, deepest, solid, lanes)) {
            List<Point> route = new ArrayList<>();
            route.add(start);
            if (!Double.isNaN(way[1])) {
              route.add(new Point(startX, way[1]));
              route.add(new Point(downX, way[1]));
            }
            route.add(new Point(downX, y));
            route.add(new Point(tail.get(0).x(), y));
            route.addAll(tail);
            detours.add(new Detour(Polylines.simplify(route), new Lane(minX, maxX, y, downX)));
          }
        }
      }
    }
    return detours;
  }

  /**
   * How a detour may reach its target: straight up into where the current route enters it, or
   * up the current route's last vertical run and along its last lane (beside the target's
   * column, where shapes under the target do not stand in the way).
   */
  private static List<List<Point>> tails(List<Point> current) {
    int n = current.size();
    Point end = current.get(n - 1);
    List<List<Point>> tails = new ArrayList<>();
    tails.add(List.of(end));
    if (n >= 4) {
      Point turn = current.get(n - 3);
      Point under = current.get(n - 2);
      if (turn.y() == under.y() && under.x() == end.x() && turn.x() != end.x()) {
        tails.add(List.of(turn, under, end));
      }
    }
    return tails;
  }

  /**
   * Heights a detour may run left at: under everything it spans ({@code deepest}), or in a
   * corridor between two rows of shapes (just under one, just over the next), nearest first.
   * The blocked check and the crossing count decide which, if any, is clear.
   */
  private static List<Double> floors(double minX, double maxX, double turn, double deepest,
      List<Bounds> solid, List<Lane> lanes) {
    double lowest = turn + LANE_GAP;
    for (Lane lane : lanes) {
      if (lane.minX() < maxX && lane.maxX() > minX) {
        lowest = Math.max(lowest, lane.y() + LANE_GAP); // nest outside detours drawn before
      }
    }
    java.util.TreeSet<Double> ys = new java.util.TreeSet<>();
    for (Bounds b : solid) {
      if (b.x() < maxX && b.maxX() > minX) {
        ys.add((double) Math.round(b.y() - LANE_GAP));
        ys.add((double) Math.round(b.maxY() + LANE_GAP));
      }
    }
    List<Double> floors = new ArrayList<>();
    for (double y : ys) {
      if (y >= lowest && y < deepest && floors.size() < MAX_FLOORS) {
        floors.add(y);
      }
    }
    floors.add(deepest);
    return floors;
  }

  /**
   * The height of a lane under everything between {@code minX} and {@code maxX} (shapes, labels,
   * other routes, detours already drawn), or NaN where a detour drawn before would have to be
   * crossed: one whose run down lies inside this span but whose lane is not outside it.
   */
  private double laneBelow(double minX, double maxX, double downX, List<List<Point>> routes,
      int e, Set<Integer> undecided, List<Bounds> solid, List<Lane> lanes) {
    double deepest = Double.NEGATIVE_INFINITY;
    for (Bounds b : solid) {
      if (b.x() < maxX && b.maxX() > minX) {
        deepest = Math.max(deepest, b.maxY());
      }
    }
    for (int other = 0; other < routes.size(); other++) {
      if (other == e || undecided.contains(other)) {
        continue;
      }
      for (Point point : routes.get(other)) {
        if (point.x() >= minX && point.x() <= maxX) {
          deepest = Math.max(deepest, point.y());
        }
      }
    }
    double y = deepest + 2 * LANE_GAP;
    for (Lane lane : lanes) {
      if (lane.minX() < maxX && lane.maxX() > minX) {
        if (lane.downX() >= downX) {
          return Double.NaN; // nest outside the detours already drawn, never inside them
        }
        y = Math.max(y, lane.y() + LANE_GAP);
      }
    }
    return y;
  }

  private static boolean blocked(List<Point> route, List<Bounds> solid) {
    for (Bounds b : solid) {
      if (Polylines.crosses(route, b)) {
        return true;
      }
    }
    return false;
  }

  private static double length(List<Point> route) {
    double length = 0;
    for (int i = 1; i < route.size(); i++) {
      length += Math.abs(route.get(i).x() - route.get(i - 1).x())
          + Math.abs(route.get(i).y() - route.get(i - 1).y());
    }
    return length;
  }

  private static double span(List<Point> route) {
    return Math.abs(route.get(0).x() - route.get(route.size() - 1).x());
  }

  /**
   * Segments of {@code route} that properly cross a segment of another edge's route, but for
   * the {@code ignored} edges.
   */
  static int crossings(List<List<Point>> routes, int e, List<Point> route,
      Set<Integer> ignored) {
    int count = 0;
    for (int other = 0; other < routes.size(); other++) {
      if (other == e || ignored.contains(other)) {
        continue;
      }
      List<Point> b = routes.get(other);
      for (int i = 0; i + 1 < route.size(); i++) {
        for (int j = 0; j + 1 < b.size(); j++) {
          if (properlyCross(route.get(i), route.get(i + 1), b.get(j), b.get(j + 1))) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static boolean properlyCross(Point a, Point b, Point c, Point d) {
    return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
  }

  /** Which side of the line a→b the point c lies on: -1, 0 (on it) or 1. */
  private static int side(Point a, Point b, Point c) {
    return (int) Math.signum((b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x()));
  }
}
