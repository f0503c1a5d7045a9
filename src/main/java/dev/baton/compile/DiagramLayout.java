package dev.baton.compile;

import dev.baton.compile.layout.Bounds;
import dev.baton.compile.layout.LayeredLayout;
import dev.baton.compile.layout.Layout;
import dev.baton.compile.layout.LayoutGraph;
import dev.baton.compile.layout.Point;
import java.util.ArrayList;
import java.util.List;

/** Sizes the planned elements as Camunda Modeler draws them and lays them out. */
final class DiagramLayout {

  static final double TASK_WIDTH = 100;
  static final double TASK_HEIGHT = 80;
  static final double GATEWAY_SIZE = 50;
  static final double EVENT_SIZE = 36;

  private DiagramLayout() {}

  static Layout of(ProcessPlan plan) {
    List<LayoutGraph.Node> nodes = new ArrayList<>();
    for (PlanElement e : plan.elements()) {
      double w = e.kind().isGateway() ? GATEWAY_SIZE : e.kind().isEvent() ? EVENT_SIZE : TASK_WIDTH;
      double h = e.kind().isGateway() ? GATEWAY_SIZE : e.kind().isEvent() ? EVENT_SIZE : TASK_HEIGHT;
      boolean external = e.kind().isGateway() || e.kind().isEvent();
      nodes.add(new LayoutGraph.Node(e.id(), w, h, e.attachedTo(), external ? e.name() : null));
    }
    List<LayoutGraph.Edge> edges = plan.flows().stream()
        .map(f -> new LayoutGraph.Edge(f.id(), f.source(), f.target(), f.name()))
        .toList();
    return new LayeredLayout().layout(new LayoutGraph(nodes, edges));
  }

  /** The lowest point of the diagram, to place the SLA event sub-process under it. */
  static double bottom(Layout layout) {
    double max = 0;
    for (Bounds b : layout.nodes().values()) {
      max = Math.max(max, b.maxY());
    }
    for (Bounds b : layout.labels().values()) {
      max = Math.max(max, b.maxY());
    }
    for (List<Point> route : layout.edges().values()) {
      for (Point point : route) {
        max = Math.max(max, point.y()); // a back edge drawn round underneath everything
      }
    }
    return max;
  }
}
