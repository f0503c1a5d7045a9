package dev.baton.spec;

import java.util.List;
import java.util.Optional;

/** A whole workflow spec, bound from JSON and checked. */
public record WorkflowSpec(Metadata metadata, List<NodeSpec> nodes, List<EdgeSpec> edges) {

  public WorkflowSpec {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  public Optional<NodeSpec> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
