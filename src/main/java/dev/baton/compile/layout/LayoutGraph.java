package dev.baton.compile.layout;

import java.util.List;
import java.util.Objects;

/** What the layout needs to know about a diagram: shape sizes and who connects to whom. */
public record LayoutGraph(List<Node> nodes, List<Edge> edges) {

  public LayoutGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * @param attachedTo id of the host task when this node is a boundary event, else null
   * @param externalLabel text shown outside the shape (events, gateways), or null
   */
  public record Node(
      String id, double width, double height, String attachedTo, String externalLabel) {

    public Node {
      Objects.requireNonNull(id, "id");
      if (!(width > 0 && height > 0)) {
        throw new IllegalArgumentException("node " + id + " needs a positive size");
      }
    }
  }

  /**
   * @param label text shown on the flow (e.g. "approved"), or null
   */
  public record Edge(String id, String source, String target, String label) {

    public Edge {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }
  }
}
