package dev.baton.compile.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.compile.layout.LayoutGraph.Edge;
import dev.baton.compile.layout.LayoutGraph.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {

  private final LayeredLayout layout = new LayeredLayout();

  // --- graph building helpers ---

  private static Node task(String id) {
    return new Node(id, 100, 80, null, null);
  }

  private static Node event(String id, String label) {
    return new Node(id, 36, 36, null, label);
  }

  private static Node gateway(String id, String label) {
    return new Node(id, 50, 50, null, label);
  }

  private static Node boundary(String id, String host, String label) {
    return new Node(id, 36, 36, host, label);
  }

  private static Edge edge(String source, String target) {
    return new Edge(source + "->" + target, source, target, null);
  }

  private static Edge edge(String id, String source, String target, String label) {
    return new Edge(id, source, target, label);
  }

  private static LayoutGraph chain(String... ids) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      nodes.add(task(ids[i]));
      if (i > 0) {
        edges.add(edge(ids[i - 1], ids[i]));
      }
    }
    return new LayoutGraph(nodes, edges);
  }

  // --- tests ---

  @Test
  void emptyGraphGivesEmptyLayout() {
    Layout result = layout.layout(new LayoutGraph(List.of(), List.of()));

    assertThat(result.nodes()).isEmpty();
    assertThat(result.edges()).isEmpty();
    assertThat(result.labels()).isEmpty();
  }

  @Test
  void singleNodeSitsAtTheMargin() {
    Layout result = layout.layout(new LayoutGraph(List.of(task("a")), List.of()));

    assertThat(result.nodes().get("a")).isEqualTo(new Bounds(150, 80, 100, 80));
  }

  @Test
  void chainIsOneHorizontalLine() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", "Start"),
                task("a"),
                gateway("ok", "Ok?"),
                task("b"),
                event("end", null)),
            List.of(edge("start", "a"), edge("a", "ok"), edge("ok", "b"), edge("b", "end")));

    Layout result = assertValid(graph);

    List<Bounds> boxes = List.copyOf(result.nodes().values());
    for (int i = 1; i < boxes.size(); i++) {
      assertThat(boxes.get(i).centerY()).isEqualTo(boxes.get(0).centerY());
      assertThat(boxes.get(i).x()).isGreaterThan(boxes.get(i - 1).maxX());
    }
    result.edges().values().forEach(points -> assertThat(points).hasSize(2));
  }

  @Test
  void diamondPutsBranchesInOneLayerAtDifferentHeights() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(task("a"), task("b"), task("c"), task("d")),
            List.of(edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d")));

    Layout result = assertValid(graph);

    Bounds a = result.nodes().get("a");
    Bounds b = result.nodes().get("b");
    Bounds c = result.nodes().get("c");
    Bounds d = result.nodes().get("d");
    assertThat(b.x()).isEqualTo(c.x());
    assertThat(b.centerY()).isNotEqualTo(c.centerY());
    assertThat(b.x()).isGreaterThan(a.maxX());
    assertThat(d.x()).isGreaterThan(b.maxX());
    // balanced: the join sits between the branches, level with the fork
    assertThat(d.centerY()).isEqualTo(a.centerY());
    assertThat(a.centerY())
        .isBetween(Math.min(b.centerY(), c.centerY()), Math.max(b.centerY(), c.centerY()));
  }

  @Test
  void longEdgeIsRoutedAroundIntermediateShapes() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(task("a"), task("b"), task("c"), task("d")),
            List.of(edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("a", "d")));

    Layout result = assertValid(graph);

    List<Point> longEdge = result.edges().get("a->d");
    for (String other : List.of("b", "c")) {
      assertThat(crossesInterior(longEdge, result.nodes().get(other)))
          .as("a->d crosses %s", other)
          .isFalse();
    }
    // the main chain stays straight; the long edge takes its own row
    assertThat(result.nodes().get("b").centerY()).isEqualTo(result.nodes().get("a").centerY());
  }

  @Test
  void loopLaysOutAndBackEdgeGoesUnderneath() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", null),
                task("critic"),
                gateway("check", "Good enough?"),
                task("refine"),
                event("end", null)),
            List.of(
                edge("start", "critic"),
                edge("critic", "check"),
                edge("check", "refine"),
                edge("refine", "critic"),
                edge("done", "check", "end", "yes")));

    Layout result = assertValid(graph);

    List<Point> back = result.edges().get("refine->critic");
    Bounds critic = result.nodes().get("critic");
    Bounds refine = result.nodes().get("refine");
    assertThat(back.get(0).y()).isEqualTo(refine.maxY()); // leaves the bottom
    assertThat(back.get(back.size() - 1).y()).isEqualTo(critic.maxY()); // enters from below
    double lowest = back.stream().mapToDouble(Point::y).max().orElseThrow();
    assertThat(lowest).isGreaterThan(result.nodes().get("check").maxY());
  }

  @Test
  void boundaryEventsSitOnTheHostsBottomAndTheirEdgesLeaveDownwards() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", null),
                task("work"),
                boundary("timeout", "work", "2h"),
                boundary("error", "work", "Failed"),
                boundary("escalate", "work", null),
                task("next"),
                task("fallback"),
                task("notify"),
                task("below"),
                event("end", null)),
            List.of(
                edge("start", "work"),
                edge("work", "next"),
                edge("timeout", "fallback"),
                edge("error", "notify"),
                edge("escalate", "next"),
                edge("start", "below"),
                edge("next", "end"),
                edge("fallback", "end"),
                edge("notify", "end"),
                edge("below", "end")));

    Layout result = assertValid(graph);

    Bounds host = result.nodes().get("work");
    List<Bounds> events =
        List.of("timeout", "error", "escalate").stream().map(result.nodes()::get).toList();
    for (Bounds event : events) {
      assertThat(event.centerY()).isEqualTo(host.maxY());
      assertThat(event.centerX()).isBetween(host.x(), host.maxX());
    }
    // spread out along the border, side by side
    List<Double> centers = events.stream().map(Bounds::centerX).sorted().toList();
    assertThat(centers.get(1) - centers.get(0)).isGreaterThanOrEqualTo(36);
    assertThat(centers.get(2) - centers.get(1)).isGreaterThanOrEqualTo(36);
    List<Point> timeout = result.edges().get("timeout->fallback");
    assertThat(timeout.get(0)).isEqualTo(new Point(events.get(0).centerX(), events.get(0).maxY()));
    assertThat(timeout.get(1).x()).isEqualTo(timeout.get(0).x()); // straight down first
    assertThat(timeout.get(1).y()).isGreaterThan(timeout.get(0).y());
  }

  @Test
  void retryFlowsFromBoundaryEventsGoBackUnderneath() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", null),
                task("prepare"),
                task("call"),
                boundary("error", "call", "Error"),
                boundary("timeout", "call", "Timeout"),
                task("done"),
                task("side")),
            List.of(
                edge("start", "prepare"),
                edge("prepare", "call"),
                edge("call", "done"),
                edge("prepare", "side"),
                edge("side", "done"),
                edge("error", "prepare"), // back to an earlier task
                edge("timeout", "call"))); // straight back into its own host

    Layout result = assertValid(graph);

    Bounds call = result.nodes().get("call");
    List<Point> retry = result.edges().get("timeout->call");
    assertThat(retry.get(0))
        .isEqualTo(new Point(result.nodes().get("timeout").centerX(), call.maxY() + 18));
    assertThat(retry.get(retry.size() - 1).y()).isEqualTo(call.maxY());
    List<Point> back = result.edges().get("error->prepare");
    assertThat(back.get(back.size() - 1).y()).isEqualTo(result.nodes().get("prepare").maxY());
  }

  @Test
  void parallelEdgesBetweenTheSamePairGetDistinctRoutes() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(task("call"), task("recover"), task("other")),
            List.of(
                edge("failure", "call", "recover", "failure"),
                edge("timeout", "call", "recover", "timeout"),
                edge("ok", "call", "other", "ok")));

    Layout result = assertValid(graph);

    assertThat(result.edges().get("failure")).isNotEqualTo(result.edges().get("timeout"));
    assertThat(result.labels().get("failure").intersects(result.labels().get("timeout"))).isFalse();
    // no tiny steps: every segment of a bent route is at least 10 px long
    result
        .edges()
        .forEach(
            (id, route) -> {
              for (int i = 1; route.size() > 2 && i < route.size(); i++) {
                Point p = route.get(i - 1);
                Point q = route.get(i);
                assertThat(Math.abs(p.x() - q.x()) + Math.abs(p.y() - q.y()))
                    .as("segment %s-%s of %s", p, q, id)
                    .isGreaterThanOrEqualTo(10);
              }
            });
  }

  @Test
  void labelsGetBoundsClearOfShapes() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", "Request received"),
                task("review"),
                gateway("approved", "Approved by the manager?"),
                task("ship"),
                task("reject"),
                event("end", "Done")),
            List.of(
                edge("start", "review"),
                edge("review", "approved"),
                edge("yes", "approved", "ship", "approved"),
                edge("no", "approved", "reject", "rejected, please rework"),
                edge("ship", "end"),
                edge("reject", "end")));

    Layout result = assertValid(graph);

    assertThat(result.labels().keySet()).containsExactly("start", "approved", "end", "yes", "no");
  }

  @Test
  void tallLabelsStayOnTheCanvas() {
    String essay = "a very long explanation of why this flow is taken ".repeat(5);
    LayoutGraph graph =
        new LayoutGraph(List.of(task("a"), task("b")), List.of(edge("ab", "a", "b", essay)));

    Layout result = assertValid(graph);

    assertThat(result.labels().get("ab").y()).isGreaterThanOrEqualTo(LayeredLayout.MIN_TOP);
    assertThat(result.labels().get("ab").height()).isGreaterThan(100);
  }

  @Test
  void disconnectedComponentsDoNotOverlap() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(task("a1"), task("a2"), task("b1"), task("b2"), task("alone")),
            List.of(edge("a1", "a2"), edge("b1", "b2")));

    Layout result = assertValid(graph);

    assertThat(result.nodes().get("a2").centerY()).isEqualTo(result.nodes().get("a1").centerY());
    assertThat(result.nodes().get("b2").centerY()).isEqualTo(result.nodes().get("b1").centerY());
  }

  @Test
  void sameInputGivesIdenticalOutput() {
    LayoutGraph graph = randomGraph(new Random(7), 200, 320, true);

    Layout first = assertValid(graph);
    Layout second = layout.layout(graph);

    assertThat(second).isEqualTo(first);
    assertThat(List.copyOf(second.nodes().keySet())).isEqualTo(List.copyOf(first.nodes().keySet()));
  }

  @Test
  void thousandNodeGraphIsOverlapFree() {
    LayoutGraph graph = randomGraph(new Random(42), 1000, 1500, false);

    layout.layout(graph); // warm-up, so the timing below is not mostly class loading and JIT
    long started = System.nanoTime();
    Layout result = layout.layout(graph);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("1,000 nodes / %d edges laid out in %d ms%n", graph.edges().size(), millis);

    assertValid(graph, result);
  }

  @Test
  void gatewayBranchesLeaveFromDistinctPoints() {
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", "Start"),
                gateway("g", "Which way?"),
                task("a"),
                task("b"),
                task("c"),
                event("end", "End")),
            List.of(
                edge("start", "g"),
                edge("ga", "g", "a", "first"),
                edge("gb", "g", "b", "second"),
                edge("gc", "g", "c", "third"),
                edge("a", "end"),
                edge("b", "end"),
                edge("c", "end")));

    Layout result = layout.layout(graph);

    assertValid(graph, result);
    List<List<Point>> routes =
        List.of(
            result.edges().get("ga"), result.edges().get("gb"), result.edges().get("gc"));
    Set<Point> starts = new HashSet<>();
    Set<List<Point>> firstSegments = new HashSet<>();
    for (List<Point> route : routes) {
      starts.add(route.get(0));
      firstSegments.add(List.of(route.get(0), route.get(1)));
    }
    assertThat(starts).hasSize(3);
    assertThat(firstSegments).hasSize(3);
    // no two branches share any stretch of their first segment
    for (int i = 0; i < routes.size(); i++) {
      for (int j = i + 1; j < routes.size(); j++) {
        assertThat(overlapLength(routes.get(i).get(0), routes.get(i).get(1), routes.get(j)))
            .as("branches %d and %d share a stretch", i, j)
            .isZero();
      }
    }
    assertEdgeLabelsClearOfFlows(result);
    // the gateway's label stays clear of every edge
    Bounds label = result.labels().get("g");
    for (List<Point> route : result.edges().values()) {
      assertThat(crossesInterior(route, label)).as("edge %s runs through the label", route).isFalse();
    }
  }

  /** Length along which segment p-q runs on top of some segment of the route. */
  private static double overlapLength(Point p, Point q, List<Point> route) {
    double total = 0;
    for (int i = 1; i < route.size(); i++) {
      Point a = route.get(i - 1);
      Point b = route.get(i);
      if (p.x() == q.x() && a.x() == b.x() && a.x() == p.x()) {
        total +=
            Math.max(
                0,
                Math.min(Math.max(p.y(), q.y()), Math.max(a.y(), b.y()))
                    - Math.max(Math.min(p.y(), q.y()), Math.min(a.y(), b.y())));
      } else if (p.y() == q.y() && a.y() == b.y() && a.y() == p.y()) {
        total +=
            Math.max(
                0,
                Math.min(Math.max(p.x(), q.x()), Math.max(a.x(), b.x()))
                    - Math.max(Math.min(p.x(), q.x()), Math.min(a.x(), b.x())));
      }
    }
    return total;
  }

  @Test
  void edgeLabelsSitBesideTheirOwnFlowInALoopWithThreeWayDecision() {
    // critic-loop: a retry loop through a three-way decision whose branches all carry labels
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", "Run started"),
                gateway("again", "Again: review the draft"),
                task("review"),
                gateway("good", "Good enough?"),
                task("publish"),
                task("budget"),
                task("refine"),
                event("gaveUp", "Gave up after 3 rounds"),
                event("done", "Done")),
            List.of(
                edge("start", "again"),
                edge("again", "review"),
                edge("review", "good"),
                edge("pass", "good", "publish", "critic.output.passed == true"),
                edge("retry", "good", "budget", "again (at most 3x)"),
                edge("limit", "good", "gaveUp", "limit reached"),
                edge("budget", "refine"),
                edge("refine", "again"),
                edge("publish", "done")));

    Layout result = layout.layout(graph);

    assertValid(graph, result);
    assertEdgeLabelsClearOfFlows(result);
  }

  @Test
  void decisionLabelStaysOffTheTimeoutFlowRunningBesideIt() {
    // guarded-release: "rejected" and the approval's timeout both run into the same merge
    LayoutGraph graph =
        new LayoutGraph(
            List.of(
                event("start", "Run started"),
                task("approve"),
                boundary("timer", "approve", "No decision in time"),
                gateway("approved", "Approved?"),
                task("deploy"),
                gateway("merge", "Merge"),
                task("tell"),
                event("done", "Done"),
                event("stopped", "Done")),
            List.of(
                edge("start", "approve"),
                edge("approve", "approved"),
                edge("yes", "approved", "deploy", "approved"),
                edge("no", "approved", "merge", "rejected"),
                edge("timer", "merge"),
                edge("merge", "tell"),
                edge("deploy", "done"),
                edge("tell", "stopped")));

    Layout result = layout.layout(graph);

    assertValid(graph, result);
    assertEdgeLabelsClearOfFlows(result);
  }

  @Test
  void unknownNodeIsRejected() {
    LayoutGraph graph = new LayoutGraph(List.of(task("a")), List.of(edge("a", "ghost")));

    assertThatThrownBy(() -> layout.layout(graph))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ghost");
  }

  // --- random graphs ---

  /**
   * A workflow-like graph: mostly short forward edges (spec DAGs are local), a few long ones, some
   * boundary events and labels, and optionally loops.
   */
  private static LayoutGraph randomGraph(Random random, int size, int edgeCount, boolean loops) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String id = "n" + i;
      ids.add(id);
      int kind = random.nextInt(10);
      nodes.add(
          kind == 0
              ? gateway(id, random.nextBoolean() ? "Check " + i + "?" : null)
              : kind == 1 ? event(id, "Event " + i) : task(id));
      if (kind > 1 && random.nextInt(12) == 0) {
        nodes.add(boundary(id + "_b", id, random.nextBoolean() ? "Timeout" : null));
        if (i + 1 < size) {
          edges.add(
              edge(
                  id + "_b",
                  id + "_b",
                  "n" + (i + 1 + random.nextInt(Math.min(3, size - i - 1))),
                  null));
        }
      }
    }
    for (int i = 1; i < size; i++) {
      int from = Math.max(0, i - 1 - random.nextInt(Math.min(i, 4)));
      edges.add(
          edge(
              "e" + edges.size(), ids.get(from), ids.get(i), random.nextInt(6) == 0 ? "ok" : null));
    }
    while (edges.size() < edgeCount) {
      int from = random.nextInt(size - 1);
      int span = random.nextInt(20) == 0 ? 2 + random.nextInt(15) : 1 + random.nextInt(3);
      int to = Math.min(size - 1, from + span);
      if (loops && random.nextInt(15) == 0) {
        edges.add(edge("e" + edges.size(), ids.get(to), ids.get(from), "retry"));
      } else {
        edges.add(edge("e" + edges.size(), ids.get(from), ids.get(to), null));
      }
    }
    return new LayoutGraph(nodes, edges);
  }

  // --- invariants every layout must satisfy ---

  private Layout assertValid(LayoutGraph graph) {
    Layout result = layout.layout(graph);
    assertValid(graph, result);
    return result;
  }

  private static void assertValid(LayoutGraph graph, Layout result) {
    assertThat(result.nodes()).isInstanceOf(LinkedHashMap.class);
    assertThat(result.edges()).isInstanceOf(LinkedHashMap.class);
    assertThat(result.labels()).isInstanceOf(LinkedHashMap.class);
    assertThat(List.copyOf(result.nodes().keySet()))
        .isEqualTo(graph.nodes().stream().map(Node::id).toList());
    assertThat(List.copyOf(result.edges().keySet()))
        .isEqualTo(graph.edges().stream().map(Edge::id).toList());

    Map<String, Node> byId = new LinkedHashMap<>();
    graph.nodes().forEach(n -> byId.put(n.id(), n));
    List<Bounds> everyShape = new ArrayList<>();
    for (Node node : graph.nodes()) {
      Bounds b = result.nodes().get(node.id());
      assertThat(b.width()).isEqualTo(node.width());
      assertThat(b.height()).isEqualTo(node.height());
      assertWhole(b.x(), b.y());
      assertThat(b.x()).isGreaterThanOrEqualTo(0);
      assertThat(b.y()).isGreaterThanOrEqualTo(0);
      everyShape.add(b);
    }

    // overlap-free: main shapes at least 20px apart; a boundary event touches only its host
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        Node a = nodes.get(i);
        Node b = nodes.get(j);
        Bounds ba = result.nodes().get(a.id());
        Bounds bb = result.nodes().get(b.id());
        if (a.attachedTo() == null && b.attachedTo() == null) {
          assertThat(grow(ba, 20).intersects(bb)).as("%s and %s overlap", a.id(), b.id()).isFalse();
        } else if (!b.id().equals(a.attachedTo()) && !a.id().equals(b.attachedTo())) {
          assertThat(ba.intersects(bb)).as("%s and %s overlap", a.id(), b.id()).isFalse();
        }
      }
      Node node = nodes.get(i);
      if (node.attachedTo() != null) {
        Bounds host = result.nodes().get(node.attachedTo());
        Bounds event = result.nodes().get(node.id());
        assertThat(event.centerY()).isEqualTo(host.maxY());
      }
    }

    for (Edge edge : graph.edges()) {
      List<Point> points = result.edges().get(edge.id());
      assertThat(points).as("waypoints of %s", edge.id()).hasSizeGreaterThanOrEqualTo(2);
      for (int i = 0; i < points.size(); i++) {
        Point p = points.get(i);
        assertWhole(p.x(), p.y());
        assertThat(p.x()).isGreaterThanOrEqualTo(0);
        assertThat(p.y()).isGreaterThanOrEqualTo(0);
        if (i > 0) {
          Point q = points.get(i - 1);
          assertThat(p.x() == q.x() || p.y() == q.y())
              .as("%s segment %s-%s is not orthogonal", edge.id(), q, p)
              .isTrue();
        }
      }
      Bounds source = result.nodes().get(edge.source());
      Bounds target = result.nodes().get(edge.target());
      assertThat(onBorder(points.get(0), source))
          .as("%s starts on %s's border", edge.id(), edge.source())
          .isTrue();
      assertThat(onBorder(points.get(points.size() - 1), target))
          .as("%s ends on %s's border", edge.id(), edge.target())
          .isTrue();

      // no segment runs through a shape other than its own ends (and a boundary source's host)
      Set<String> own = new HashSet<>(List.of(edge.source(), edge.target()));
      own.add(byId.get(edge.source()).attachedTo());
      own.add(byId.get(edge.target()).attachedTo());
      for (Node node : nodes) {
        if (!own.contains(node.id())) {
          assertThat(crossesInterior(points, result.nodes().get(node.id())))
              .as("%s runs through %s: %s", edge.id(), node.id(), points)
              .isFalse();
        }
      }
    }

    // labels: one for every labelled node and edge, clear of all shapes
    List<String> labelled = new ArrayList<>();
    graph.nodes().stream()
        .filter(n -> n.externalLabel() != null)
        .forEach(n -> labelled.add(n.id()));
    graph.edges().stream().filter(e -> e.label() != null).forEach(e -> labelled.add(e.id()));
    assertThat(List.copyOf(result.labels().keySet())).isEqualTo(labelled);
    result
        .labels()
        .forEach(
            (id, label) -> {
              assertWhole(label.x(), label.y());
              assertThat(label.x()).isGreaterThanOrEqualTo(0);
              assertThat(label.y()).isGreaterThanOrEqualTo(0);
              for (Bounds shape : everyShape) {
                assertThat(label.intersects(shape))
                    .as("label of %s overlaps %s", id, shape)
                    .isFalse();
              }
            });
  }

  /** Every edge label: no flow runs through it, and its own flow is the nearest one. */
  private static void assertEdgeLabelsClearOfFlows(Layout result) {
    result
        .labels()
        .forEach(
            (id, label) -> {
              if (result.nodes().containsKey(id)) {
                return;
              }
              result
                  .edges()
                  .forEach(
                      (edgeId, route) ->
                          assertThat(crossesInterior(route, label))
                              .as("%s runs through the label of %s", edgeId, id)
                              .isFalse());
              double own = distance(label, result.edges().get(id));
              result
                  .edges()
                  .forEach(
                      (edgeId, route) -> {
                        if (!edgeId.equals(id)) {
                          assertThat(distance(label, route))
                              .as("label of %s is nearer to %s", id, edgeId)
                              .isGreaterThan(own);
                        }
                      });
            });
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

  private static void assertWhole(double... values) {
    for (double v : values) {
      assertThat(v).isEqualTo(Math.rint(v));
    }
  }

  private static Bounds grow(Bounds b, double by) {
    return new Bounds(b.x() - by, b.y() - by, b.width() + 2 * by, b.height() + 2 * by);
  }

  private static boolean onBorder(Point p, Bounds b) {
    boolean inX = p.x() >= b.x() && p.x() <= b.maxX();
    boolean inY = p.y() >= b.y() && p.y() <= b.maxY();
    return ((p.x() == b.x() || p.x() == b.maxX()) && inY)
        || ((p.y() == b.y() || p.y() == b.maxY()) && inX);
  }

  /** Whether any segment passes through the open interior of the rectangle. */
  private static boolean crossesInterior(List<Point> points, Bounds b) {
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
