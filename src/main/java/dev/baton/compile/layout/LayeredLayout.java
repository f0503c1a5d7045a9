package dev.baton.compile.layout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Left-to-right layered (Sugiyama-style) layout: cycle breaking, longest-path layering, dummy
 * vertices for long edges, barycenter crossing reduction, then coordinates and orthogonal edge
 * routes. Deterministic, whole-number coordinates, roughly linear in the size of the graph plus the
 * dummies of its long edges.
 */
public final class LayeredLayout {

  static final double MARGIN_X = 150;
  static final double MARGIN_Y = 80;
  static final double MIN_TOP = 20;
  static final double MIN_GAP = 70;
  static final double MAX_CHANNEL_GAP = 300;
  static final double CHANNEL_SPACING = 6;

  public Layout layout(LayoutGraph graph) {
    Objects.requireNonNull(graph, "graph");
    IndexedGraph g = new IndexedGraph(graph);
    int n = g.mainCount();
    int m = g.edges.size();
    Map<String, Bounds> nodeMap = new LinkedHashMap<>();
    Map<String, List<Point>> edgeMap = new LinkedHashMap<>();
    Map<String, Bounds> labelMap = new LinkedHashMap<>();
    if (n == 0) {
      return new Layout(nodeMap, edgeMap, labelMap);
    }

    boolean[] reversed = CycleBreaker.backEdges(n, g.src, g.tgt, g.self);
    int[] layer = Layering.longestPath(n, g.src, g.tgt, reversed, g.self);
    boolean[] fromEvent = new boolean[m];
    for (int e = 0; e < m; e++) {
      fromEvent[e] = g.eventOf[e] >= 0;
    }
    ProperGraph pg = new ProperGraph(n, layer, g.src, g.tgt, reversed, g.self, fromEvent);
    CrossingReduction.reduce(pg);
    Drawn drawn = draw(g, pg, reversed, layer);
    if (n <= SEARCH_MAX_NODES) {
      drawn = fewerCrossings(g, pg, reversed, layer, drawn);
    }
    Bounds[] bounds = drawn.bounds();
    Bounds[] nodeLabels = drawn.nodeLabels();
    Bounds[] edgeLabels = drawn.edgeLabels();
    List<List<Point>> routes = drawn.routes();

    for (int i = 0; i < g.nodes.size(); i++) {
      nodeMap.put(g.nodes.get(i).id(), bounds[i]);
    }
    for (int e = 0; e < m; e++) {
      edgeMap.put(g.edges.get(e).id(), routes.get(e));
    }
    for (int i = 0; i < g.nodes.size(); i++) {
      if (nodeLabels[i] != null) {
        labelMap.put(g.nodes.get(i).id(), nodeLabels[i]);
      }
    }
    for (int e = 0; e < m; e++) {
      if (edgeLabels[e] != null) {
        labelMap.put(g.edges.get(e).id(), edgeLabels[e]);
      }
    }
    double top = labelMap.values().stream().mapToDouble(Bounds::y).min().orElse(MARGIN_Y);
    if (top < MIN_TOP) {
      return shiftDown(nodeMap, edgeMap, labelMap, MIN_TOP - top);
    }
    return new Layout(nodeMap, edgeMap, labelMap);
  }

  /** Shapes, labels and routes of one order of the layers (pg.order). */
  private record Drawn(Bounds[] bounds, Bounds[] nodeLabels, Bounds[] edgeLabels,
      List<List<Point>> routes) {}

  /** Graphs up to this many shapes get the search for an order with fewer crossings. */
  static final int SEARCH_MAX_NODES = 80;
  /** Drawings the search may try, so that a deploy never waits long for it. */
  static final int SEARCH_MAX_DRAWINGS = 150;

  /**
   * Barycenter sweeps count crossings on a model of the drawing; once back edges go round
   * underneath ({@link BackEdgeDetours}) the model can prefer an order whose drawing crosses
   * more. For a small graph whose drawing still has crossings, swapping neighbours in a layer
   * and keeping each swap that draws fewer crossings settles the rest (a few milliseconds for
   * workflows of tens of nodes).
   */
  private static Drawn fewerCrossings(IndexedGraph g, ProperGraph pg, boolean[] reversed,
      int[] layer, Drawn drawn) {
    int best = crossings(drawn.routes());
    int drawings = 0;
    for (int round = 0; best > 0 && round < 2; round++) {
      boolean improved = false;
      for (int[] column : pg.order) {
        for (int i = 0; best > 0 && i + 1 < column.length
            && drawings < SEARCH_MAX_DRAWINGS; i++, drawings++) {
          swap(column, i);
          Drawn candidate = draw(g, pg, reversed, layer);
          int count = crossings(candidate.routes());
          if (count < best) {
            best = count;
            drawn = candidate;
            improved = true;
          } else {
            swap(column, i);
          }
        }
      }
      if (!improved) {
        break;
      }
    }
    return drawn;
  }

  private static void swap(int[] column, int i) {
    int v = column[i];
    column[i] = column[i + 1];
    column[i + 1] = v;
  }

  private static int crossings(List<List<Point>> routes) {
    int total = 0;
    for (int e = 0; e < routes.size(); e++) {
      total += BackEdgeDetours.crossings(routes, e, routes.get(e), java.util.Set.of());
    }
    return total / 2;
  }

  private static Drawn draw(IndexedGraph g, ProperGraph pg, boolean[] reversed, int[] layer) {
    int n = g.mainCount();
    int m = g.edges.size();
    int[] position = new int[pg.vertexCount];
    for (int[] column : pg.order) {
      for (int i = 0; i < column.length; i++) {
        position[column[i]] = i;
      }
    }
    NodeFrames f = new NodeFrames(g, pg, reversed, position);

    double[] above = new double[pg.vertexCount];
    double[] below = new double[pg.vertexCount];
    System.arraycopy(f.above, 0, above, 0, n);
    System.arraycopy(f.below, 0, below, 0, n);
    double[] vy = CoordinateAssignment.verticalCenters(pg, above, below);
    for (int v = 0; v < pg.vertexCount; v++) {
      vy[v] += MARGIN_Y;
    }

    int layers = pg.layerCount;
    double[] colWidth = new double[layers];
    for (int v = 0; v < n; v++) {
      colWidth[layer[v]] = Math.max(colWidth[layer[v]], Math.ceil(2 * f.halfWidth[v]));
    }
    // Gaps widen for the labels placed in them and for many parallel vertical runs.
    double[] gapWidth = new double[Math.max(0, layers - 1)];
    int[] runs = new int[layers];
    for (int[] chain : pg.chains) {
      if (chain != null) {
        for (int j = 0; j + 1 < chain.length; j++) {
          runs[pg.layer[chain[j]]]++;
        }
      }
    }
    for (int l = 0; l < gapWidth.length; l++) {
      gapWidth[l] = Math.max(MIN_GAP, Math.min(MAX_CHANNEL_GAP, CHANNEL_SPACING * (runs[l] + 1)));
    }
    for (int e = 0; e < m; e++) {
      int gap = LabelPlacer.labelGap(g, reversed, pg.layer, e);
      if (f.edgeLabel[e] != null && gap >= 0 && gap < gapWidth.length) {
        double needed = f.edgeLabel[e].width() + 2 * LabelPlacer.LABEL_INSET + 16;
        gapWidth[gap] = Math.max(gapWidth[gap], Math.ceil(needed));
      }
    }
    double[] colStart = CoordinateAssignment.columnStarts(colWidth, gapWidth, MARGIN_X);

    Bounds[] bounds = new Bounds[g.nodes.size()];
    for (int v = 0; v < n; v++) {
      LayoutGraph.Node node = g.main(v);
      double cx = colStart[layer[v]] + colWidth[layer[v]] / 2;
      bounds[g.mainNodes[v]] =
          new Bounds(
              Math.round(cx - node.width() / 2),
              Math.round(vy[v] - node.height() / 2),
              node.width(),
              node.height());
    }
    for (int i = 0; i < g.nodes.size(); i++) {
      LayoutGraph.Node node = g.nodes.get(i);
      if (node.attachedTo() != null) {
        Bounds host = bounds[g.mainNodes[g.hostOf[i]]];
        bounds[i] =
            new Bounds(
                Math.round(host.centerX() + f.eventDx[i] - node.width() / 2),
                Math.round(host.maxY() - node.height() / 2),
                node.width(),
                node.height());
      }
    }

    Bounds[] nodeLabels = new Bounds[g.nodes.size()];
    for (int i = 0; i < g.nodes.size(); i++) {
      if (f.nodeLabel[i] != null) {
        nodeLabels[i] = nodeLabel(g, f, bounds, i, f.nodeLabel[i]);
      }
    }
    Bounds[] edgeLabels = new Bounds[m];
    List<List<Point>> routes =
        new EdgeRouter(
                new Placement(
                    g, pg, f, reversed, bounds, vy, new Columns(colStart, colWidth)))
            .route(edgeLabels, nodeLabels);

    return new Drawn(bounds, nodeLabels, edgeLabels, routes);
  }

  /** For the rare label so tall it pokes above the margin: move everything down. */
  private static Layout shiftDown(
      Map<String, Bounds> nodes,
      Map<String, List<Point>> edges,
      Map<String, Bounds> labels,
      double dy) {
    Map<String, Bounds> shiftedNodes = new LinkedHashMap<>();
    nodes.forEach((id, b) -> shiftedNodes.put(id, shift(b, dy)));
    Map<String, List<Point>> shiftedEdges = new LinkedHashMap<>();
    edges.forEach(
        (id, points) ->
            shiftedEdges.put(id, points.stream().map(p -> new Point(p.x(), p.y() + dy)).toList()));
    Map<String, Bounds> shiftedLabels = new LinkedHashMap<>();
    labels.forEach((id, b) -> shiftedLabels.put(id, shift(b, dy)));
    return new Layout(shiftedNodes, shiftedEdges, shiftedLabels);
  }

  private static Bounds shift(Bounds b, double dy) {
    return new Bounds(b.x(), b.y() + dy, b.width(), b.height());
  }

  /** Below the shape, or above it when edges attach to the bottom; event labels under lanes. */
  private static Bounds nodeLabel(
      IndexedGraph g, NodeFrames f, Bounds[] bounds, int i, TextSize size) {
    Bounds b = bounds[i];
    double x = Math.round(b.centerX() - size.width() / 2);
    double y;
    if (g.nodes.get(i).attachedTo() == null && f.labelLeft[g.hostOf[i]]) {
      x = Math.round(b.centerX() - NodeFrames.LABEL_SIDE - size.width());
      y = b.maxY() + NodeFrames.LABEL_GAP;
    } else if (g.nodes.get(i).attachedTo() != null) {
      y = bounds[g.mainNodes[g.hostOf[i]]].maxY() + f.eventLabelDy[i];
    } else if (f.labelAbove[g.hostOf[i]]) {
      y = b.y() - NodeFrames.LABEL_GAP - size.height();
    } else {
      y = b.maxY() + NodeFrames.LABEL_GAP;
    }
    return new Bounds(x, Math.round(y), size.width(), size.height());
  }
}
