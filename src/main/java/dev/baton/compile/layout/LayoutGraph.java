package dev.baton.compile.layout;

import java.util.List;

public record LayoutGraph(List<Node> nodes, List<Edge> edges) {
  public record Node(String id, double width, double height, String attachedTo, String externalLabel) {}

  public record Edge(String id, String source, String target, String label) {}
}
