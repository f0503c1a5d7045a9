package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.EdgeCondition.Comparison;
import dev.baton.spec.SpecBinder.BoundEdge;
import dev.baton.spec.SpecBinder.Indexed;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of the graph: outgoing edges of conditions and parallels, gates that send work
 * back, cycles, reachability, and what a comparison may read. Runs only on a complete spec.
 */
final class GraphChecks {

  private final CheckContext ctx;

  GraphChecks(CheckContext ctx) {
    this.ctx = ctx;
  }

  void graph() {
    WorkflowGraph graph = new WorkflowGraph(withoutSelfLinks(ctx.bound().toSpec()));
    Map<String, String> locations = connectionLocations();
    for (Indexed<NodeSpec> entry : ctx.bound().nodes()) {
      NodeSpec node = entry.value();
      List<Connection> out = graph.outgoing(node.id());
      String path = JsonPaths.node(entry.index());
      if (node.type() == NodeType.CONDITION) {
        conditionNode(node, path, out, locations);
      }
      if (node.type() == NodeType.APPROVAL_GATE && allowsChanges(node)) {
        requestChanges(graph, node, path);
      }
      if (node.type() == NodeType.PARALLEL) {
        waitFor(graph, node, path, out);
      }
    }
    cycles(graph);
    reachability(graph);
    comparisonSources(graph);
  }

  /** A gate that can send work back needs exactly one agent task before it to send it to. */
  private void requestChanges(WorkflowGraph graph, NodeSpec node, String path) {
    List<Connection> in = graph.incoming(node.id());
    boolean oneAgent = in.size() == 1
        && graph.node(in.get(0).from()).type() == NodeType.AGENT_TASK;
    if (!oneAgent) {
      ctx.error(path + ".config.approval_criteria.allowed_actions",
          "'request_changes' sends the work back to the agent before '" + node.id()
              + "', but it has " + (in.isEmpty() ? "none" : in.size() + " predecessors"),
          "give the gate exactly one preceding agent_task, or drop request_changes");
    }
  }

  /** wait_for counts outgoing branches that meet again at a join. */
  private void waitFor(WorkflowGraph graph, NodeSpec node, String path, List<Connection> out) {
    JsonNode waitFor = node.config().get("wait_for");
    // below 1 is a config error reported by NodeChecks; here only the upper bound
    if (waitFor != null
        && waitFor.canConvertToExactIntegral()
        && waitFor.asLong() >= 1
        && waitFor.asLong() > out.size()) {
      ctx.error(
          path + ".config.wait_for",
          "parallel '" + node.id() + "' waits for " + waitFor.asLong() + " branches but has "
              + out.size() + " outgoing",
          "use a number from 1 to " + out.size() + ", or leave wait_for out to wait for all");
    } else if (waitFor != null
        && waitFor.canConvertToExactIntegral()
        && waitFor.asLong() >= 1
        && graph.meetingPoint(node.id()).isEmpty()) {
      ctx.error(
          path + ".config.wait_for",
          "the branches of parallel '" + node.id() + "' never meet again, so there is no "
              + "join to wait at",
          "add a node that depends on every branch, or leave wait_for out");
    }
  }

  private static boolean allowsChanges(NodeSpec gate) {
    JsonNode actions = gate.config().path("approval_criteria").path("allowed_actions");
    for (JsonNode action : actions) {
      if ("request_changes".equals(action.asText())) {
        return true;
      }
    }
    return false;
  }

  private void conditionNode(
      NodeSpec node, String path, List<Connection> out, Map<String, String> locations) {
    if (out.isEmpty()) {
      ctx.error(
          path,
          "condition node '" + node.id() + "' has no outgoing edges",
          "add edges from '" + node.id() + "' with comparison conditions and one 'default'");
      return;
    }
    // an edge whose condition did not bind carries a stand-in; it is no real default
    Set<String> unbound = new HashSet<>();
    ctx.bound().edges().stream()
        .filter(e -> !e.conditionBound())
        .forEach(e -> unbound.add(e.edge().from() + "\u0000" + e.edge().to()));
    List<Connection> defaults =
        out.stream()
            .filter(c -> c.isOutcome(Outcome.DEFAULT))
            .filter(c -> !unbound.contains(c.from() + "\u0000" + c.to()))
            .toList();
    for (int i = 1; i < defaults.size(); i++) {
      Connection extra = defaults.get(i);
      ctx.error(
          locations.getOrDefault(extra.from() + "\u0000" + extra.to(), path),
          "condition node '" + node.id() + "' has more than one default edge (to '"
              + defaults.get(0).to() + "' and '" + extra.to() + "')",
          "keep one default edge; give the others comparison conditions (a dependency on a"
              + " condition node counts as its default edge)");
    }
  }

  /** Where each connection was written: its edge, or else the dependency entry. */
  private Map<String, String> connectionLocations() {
    Map<String, String> locations = new HashMap<>();
    for (BoundEdge edge : ctx.bound().edges()) {
      boolean written = ctx.root().path("edges").path(edge.index()).has("condition");
      locations.putIfAbsent(
          edge.edge().from() + "\u0000" + edge.edge().to(),
          JsonPaths.edge(edge.index()) + (written ? ".condition" : ""));
    }
    for (Indexed<NodeSpec> entry : ctx.bound().nodes()) {
      List<String> deps = entry.value().dependencies();
      for (int j = 0; j < deps.size(); j++) {
        locations.putIfAbsent(
            deps.get(j) + "\u0000" + entry.value().id(),
            JsonPaths.index(JsonPaths.node(entry.index()) + ".dependencies", j));
      }
    }
    return locations;
  }

  private void cycles(WorkflowGraph graph) {
    for (List<String> component : graph.cyclicComponents()) {
      boolean guarded =
          component.stream()
              .map(graph::node)
              .anyMatch(
                  n -> n.type() == NodeType.CONDITION && n.config().has("max_iterations"));
      if (!guarded) {
        ctx.error(
            JsonPaths.node(ctx.indexById().get(component.get(0))),
            "cycle " + String.join(" -> ", graph.cycleThrough(component)),
            "loops must pass through a condition node with config.max_iterations");
      }
    }
  }

  private void reachability(WorkflowGraph graph) {
    List<String> roots = graph.roots();
    if (roots.isEmpty()) {
      ctx.error(
          "$.nodes",
          "every node depends on another: nothing can start",
          "give at least one node no dependencies and no incoming edges");
      return;
    }
    Set<String> reachable = graph.reachableFrom(roots);
    for (Indexed<NodeSpec> entry : ctx.bound().nodes()) {
      if (!reachable.contains(entry.value().id())) {
        ctx.error(
            JsonPaths.node(entry.index()),
            "node '" + entry.value().id() + "' is unreachable: no path leads to it from a start"
                + " node (" + String.join(", ", roots) + ")",
            "connect it to the rest of the workflow or remove it");
      }
    }
  }

  /** A comparison may only read nodes that have run before its condition node. */
  private void comparisonSources(WorkflowGraph graph) {
    for (BoundEdge edge : ctx.bound().edges()) {
      if (!(edge.edge().condition() instanceof Comparison comparison)
          || ctx.nodeById().get(edge.edge().from()) == null
          || ctx.nodeById().get(edge.edge().from()).type() != NodeType.CONDITION) {
        continue;
      }
      String condition = edge.edge().from();
      String first = comparison.field().split("\\.", -1)[0];
      if (first.equals(EdgeChecks.INPUT_ROOT) || !ctx.nodeById().containsKey(first)) {
        continue;
      }
      if (first.equals(condition) || !graph.ancestors(condition).contains(first)) {
        ctx.error(
            JsonPaths.edge(edge.index()) + ".condition.field",
            "field '" + comparison.field() + "' reads node '" + first
                + "', which does not run before condition '" + condition + "'",
            "compare on 'input' or on a node that '" + condition
                + "' depends on, directly or indirectly");
      }
    }
  }

  /** Self-links are reported on their own; kept in the graph they would hide the start node. */
  private static WorkflowSpec withoutSelfLinks(WorkflowSpec spec) {
    return new WorkflowSpec(
        spec.metadata(),
        spec.nodes().stream()
            .map(
                n ->
                    n.withDependencies(
                        n.dependencies().stream().filter(d -> !d.equals(n.id())).toList()))
            .toList(),
        spec.edges().stream().filter(e -> !e.from().equals(e.to())).toList());
  }
}
