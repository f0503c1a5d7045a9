package dev.baton.compile.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The space each main node needs around its shape, decided before any coordinate exists.
 *
 * <p>Below a node sit, top to bottom: its boundary events (centered on the bottom border), one
 * horizontal "lane" per edge end that attaches to the bottom (edges leaving a boundary event, both
 * ends of a back edge, self loops), and the labels of its boundary events. Reserving that band in
 * the node's slot is what keeps such edges from running through neighbouring shapes.
 */
final class NodeFrames {

  static final double LANE_GAP = 12;
  static final double LABEL_GAP = 4;
  /** distance of a left-placed label's right edge from the shape's center line. */
  static final double LABEL_SIDE = 8;
  private static final double EVENT_SPACING = 40;

  /** per main node: extent above / below the center, half the width of the footprint. */
  final double[] above;

  final double[] below;
  final double[] halfWidth;

  /** per main node: half the height of its tallest boundary event (0 without events). */
  final double[] eventDrop;

  /** per main node: its own external label goes above the shape (the bottom is busy). */
  final boolean[] labelAbove;

  /**
   * per main node: a branching gateway's label goes below and left of the shape, clear of the flow
   * that may leave its bottom corner.
   */
  final boolean[] labelLeft;

  /** per input node: boundary event center relative to the host's center x. */
  final double[] eventDx;

  /** per input node: boundary event label top relative to the host's bottom. */
  final double[] eventLabelDy;

  /** per input node / per edge: label size, or null. */
  final TextSize[] nodeLabel;

  final TextSize[] edgeLabel;

  /** per edge end on a bottom border: x relative to the node's center x, and lane index. */
  final double[] startDx;

  final int[] startLane;
  final double[] endDx;
  final int[] endLane;

  /**
   * @param position each vertex's index within its layer after crossing reduction, used to put a
   *     host's boundary events in the order of where their edges go
   */
  NodeFrames(IndexedGraph g, ProperGraph pg, boolean[] reversed, int[] position) {
    int n = g.mainCount();
    int m = g.edges.size();
    above = new double[n];
    below = new double[n];
    halfWidth = new double[n];
    eventDrop = new double[n];
    labelAbove = new boolean[n];
    labelLeft = new boolean[n];
    eventDx = new double[g.nodes.size()];
    eventLabelDy = new double[g.nodes.size()];
    nodeLabel = new TextSize[g.nodes.size()];
    edgeLabel = new TextSize[m];
    startDx = new double[m];
    endDx = new double[m];
    startLane = new int[m];
    endLane = new int[m];
    Arrays.fill(startLane, -1);
    Arrays.fill(endLane, -1);
    for (int i = 0; i < g.nodes.size(); i++) {
      String text = g.nodes.get(i).externalLabel();
      nodeLabel[i] = text == null || text.isBlank() ? null : TextSize.of(text);
    }
    for (int e = 0; e < m; e++) {
      String text = g.edges.get(e).label();
      edgeLabel[e] = text == null || text.isBlank() ? null : TextSize.of(text);
    }

    // Bottom ports, left to right: ends whose lane runs left, the events, ends arriving from
    // the right. Ports of a host's own border are recorded as (edge, isStart).
    List<List<int[]>> leftPorts = lists(n);
    List<List<int[]>> rightPorts = lists(n);
    for (int e = 0; e < m; e++) {
      if (g.self[e]) {
        if (g.eventOf[e] < 0) {
          leftPorts.get(g.src[e]).add(new int[] {e, 1});
        }
        leftPorts.get(g.src[e]).add(new int[] {e, 0});
      } else if (reversed[e]) {
        if (g.eventOf[e] < 0) {
          leftPorts.get(g.src[e]).add(new int[] {e, 1});
        }
        rightPorts.get(g.tgt[e]).add(new int[] {e, 0});
      }
    }
    double[] eventKey = new double[g.nodes.size()];
    Arrays.fill(eventKey, -1);
    for (int e = 0; e < m; e++) {
      if (g.eventOf[e] >= 0 && !g.self[e]) {
        int[] chain = pg.chains[e];
        int next = reversed[e] ? chain[chain.length - 2] : chain[1];
        eventKey[g.eventOf[e]] = Math.max(eventKey[g.eventOf[e]], position[next]);
      }
    }
    List<List<Integer>> eventsOn = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      List<Integer> events = new ArrayList<>(g.eventsOn.get(v));
      // the event whose edge goes lowest sits leftmost, taking the lowest lane: no crossings
      events.sort(Comparator.comparingDouble(ev -> -eventKey[ev]));
      eventsOn.add(events);
    }
    for (int v = 0; v < n; v++) {
      LayoutGraph.Node node = g.main(v);
      List<Integer> events = eventsOn.get(v);
      int k = leftPorts.get(v).size() + events.size() + rightPorts.get(v).size();
      double spacing = node.width() / (k + 1);
      if (!events.isEmpty()) {
        spacing = Math.max(spacing, EVENT_SPACING); // events must not overlap each other
      }
      int slot = 0;
      for (int[] port : leftPorts.get(v)) {
        setDx(port, (slot++ - (k - 1) / 2.0) * spacing);
      }
      for (int ev : events) {
        eventDx[ev] = (slot++ - (k - 1) / 2.0) * spacing;
        eventDrop[v] = Math.max(eventDrop[v], g.nodes.get(ev).height() / 2);
      }
      for (int[] port : rightPorts.get(v)) {
        setDx(port, (slot++ - (k - 1) / 2.0) * spacing);
      }
      labelAbove[v] = k > 0;
    }
    for (int e = 0; e < m; e++) {
      if (g.eventOf[e] >= 0) {
        startDx[e] = eventDx[g.eventOf[e]];
      }
    }

    // Lanes: ends running left take the upper lanes (leftmost port highest), then ends running
    // right (rightmost port highest), then self loops; so lanes of one group never cross.
    int[] forwardOut = new int[n];
    for (int e = 0; e < m; e++) {
      if (!g.self[e] && !reversed[e] && g.eventOf[e] < 0) {
        forwardOut[g.src[e]]++;
      }
    }
    List<List<Integer>> leftLanes = lists(n);
    List<List<Integer>> rightLanes = lists(n);
    List<List<Integer>> selfLanes = lists(n);
    for (int e = 0; e < m; e++) {
      if (g.self[e]) {
        selfLanes.get(g.src[e]).add(e);
      } else if (reversed[e]) {
        leftLanes.get(g.src[e]).add(e);
        rightLanes.get(g.tgt[e]).add(-e - 1); // negative: the end, not the start
      } else if (g.eventOf[e] >= 0) {
        rightLanes.get(g.src[e]).add(e);
      }
    }
    Comparator<Integer> byDx = Comparator.comparingDouble(x -> x >= 0 ? startDx[x] : endDx[-x - 1]);
    for (int v = 0; v < n; v++) {
      leftLanes.get(v).sort(byDx);
      rightLanes.get(v).sort(byDx.reversed());
      int lane = 0;
      for (List<Integer> group : List.of(leftLanes.get(v), rightLanes.get(v))) {
        for (int x : group) {
          if (x >= 0) {
            startLane[x] = lane++;
          } else {
            endLane[-x - 1] = lane++;
          }
        }
      }
      for (int e : selfLanes.get(v)) {
        startLane[e] = lane;
        endLane[e] = lane++;
      }

      LayoutGraph.Node node = g.main(v);
      double half = node.height() / 2;
      double bottom = half + eventDrop[v] + (lane > 0 ? lane * LANE_GAP + 8 : 0);
      double reach = node.width() / 2;
      boolean labelled = false;
      for (int ev : eventsOn.get(v)) {
        reach = Math.max(reach, Math.abs(eventDx[ev]) + g.nodes.get(ev).width() / 2);
        TextSize label = nodeLabel[ev];
        if (label != null) {
          bottom += labelled ? 2 : LABEL_GAP;
          labelled = true;
          eventLabelDy[ev] = bottom - half;
          bottom += label.height();
          reach = Math.max(reach, Math.abs(eventDx[ev]) + label.width() / 2);
        }
      }
      double top = half;
      TextSize own = nodeLabel[g.mainNodes[v]];
      if (own != null) {
        reach = Math.max(reach, own.width() / 2);
        labelLeft[v] = !labelAbove[v] && forwardOut[v] >= 2 && isCompact(node);
        if (labelLeft[v]) {
          reach = Math.max(reach, own.width() + LABEL_SIDE);
        }
        if (labelAbove[v]) {
          top += LABEL_GAP + own.height();
        } else {
          bottom += LABEL_GAP + own.height();
        }
      }
      above[v] = top;
      below[v] = bottom;
      halfWidth[v] = reach;
    }
  }

  /** Events and gateways: small shapes whose outline touches the box only mid-side. */
  static boolean isCompact(LayoutGraph.Node node) {
    return node.width() <= 60 && node.height() <= 60;
  }

  private void setDx(int[] port, double dx) {
    if (port[1] == 1) {
      startDx[port[0]] = dx;
    } else {
      endDx[port[0]] = dx;
    }
  }

  private static <T> List<List<T>> lists(int n) {
    List<List<T>> lists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}
