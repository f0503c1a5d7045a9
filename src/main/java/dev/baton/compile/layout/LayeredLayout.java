package dev.baton.compile.layout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PLACEHOLDER until the layout branch lands. */
public final class LayeredLayout {
  public Layout layout(LayoutGraph graph) {
    Map<String, Bounds> nodes = new LinkedHashMap<>();
    Map<String, List<Point>> edges = new LinkedHashMap<>();
    int i = 0;
    for (LayoutGraph.Node n : graph.nodes()) {
      nodes.put(n.id(), new Bounds(150 + 150 * i++, 80, n.width(), n.height()));
    }
    for (LayoutGraph.Edge e : graph.edges()) {
      Bounds s = nodes.get(e.source());
      Bounds t = nodes.get(e.target());
      edges.put(e.id(), List.of(new Point(s.maxX(), s.y() + s.height() / 2), new Point(t.x(), t.y() + t.height() / 2)));
    }
    return new Layout(nodes, edges, new LinkedHashMap<>());
  }
}
