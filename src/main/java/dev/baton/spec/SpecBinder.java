package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a parsed document to the spec records, leniently: whatever has the wrong shape is left
 * out (the schema check has already reported it), so that the semantic checks can still look
 * at the parts that did bind.
 */
final class SpecBinder {

  /** A bound value and the index of the array element it came from, for problem paths. */
  record Indexed<T>(int index, T value) {}

  /**
   * An edge whose {@code from} and {@code to} are strings. {@code conditionBound} is false when
   * its condition has the wrong shape; the edge then carries a stand-in condition so that the
   * graph checks still see the link.
   */
  record BoundEdge(int index, EdgeSpec edge, boolean conditionBound) {}

  /**
   * What could be bound.
   *
   * @param nodesArray whether {@code nodes} is an array at all; without it there is nothing to
   *     check semantically
   * @param ids the id of every node that has a string id, bound or not, so that references to a
   *     node with (say) a misspelt type are not reported as unknown too
   * @param complete whether every node bound and every edge names its ends: the graph checks
   *     need the whole graph
   */
  record Bound(
      Metadata metadata,
      boolean nodesArray,
      int nodeCount,
      List<Indexed<NodeSpec>> nodes,
      List<Indexed<String>> ids,
      List<BoundEdge> edges,
      boolean complete) {

    /** The spec; meaningful only when nothing was reported as an error. */
    WorkflowSpec toSpec() {
      return new WorkflowSpec(
          metadata,
          nodes.stream().map(Indexed::value).toList(),
          edges.stream().map(BoundEdge::edge).toList());
    }
  }

  Bound bind(JsonNode root) {
    Metadata metadata = bindMetadata(root.path("metadata"));
    JsonNode nodesNode = root.path("nodes");
    if (!nodesNode.isArray()) {
      return new Bound(metadata, false, 0, List.of(), List.of(), List.of(), false);
    }
    boolean complete = true;
    List<Indexed<NodeSpec>> nodes = new ArrayList<>();
    List<Indexed<String>> ids = new ArrayList<>();
    Map<String, NodeType> typeById = new HashMap<>();
    for (int i = 0; i < nodesNode.size(); i++) {
      JsonNode raw = nodesNode.get(i);
      String id = text(raw.path("id"));
      if (id != null) {
        ids.add(new Indexed<>(i, id));
      }
      NodeType type = NodeType.fromJson(text(raw.path("type"))).orElse(null);
      if (id == null || type == null) {
        complete = false;
        continue;
      }
      typeById.putIfAbsent(id, type);
      nodes.add(new Indexed<>(i, bindNode(raw, id, type)));
    }

    List<BoundEdge> edges = new ArrayList<>();
    JsonNode edgesNode = root.path("edges");
    if (edgesNode.isArray()) {
      for (int k = 0; k < edgesNode.size(); k++) {
        JsonNode raw = edgesNode.get(k);
        String from = text(raw.path("from"));
        String to = text(raw.path("to"));
        if (from == null || to == null) {
          complete = false;
          continue;
        }
        NodeType sourceType = typeById.getOrDefault(from, NodeType.AGENT_TASK);
        EdgeCondition condition = bindCondition(raw.path("condition"), sourceType);
        // an edge with a bad condition still links its nodes: keep it for the graph checks
        boolean conditionBound = condition != null;
        edges.add(
            new BoundEdge(
                k,
                new EdgeSpec(
                    from,
                    to,
                    conditionBound ? condition : WorkflowGraph.ordinaryOutcome(sourceType)),
                conditionBound));
      }
    } else if (!edgesNode.isMissingNode()) {
      complete = false;
    }
    return new Bound(metadata, true, nodesNode.size(), nodes, ids, edges, complete);
  }

  private static Metadata bindMetadata(JsonNode raw) {
    if (!raw.isObject()) {
      return null;
    }
    JsonNode budget = raw.path("budget_usd");
    return new Metadata(
        text(raw.path("name")),
        text(raw.path("description")),
        text(raw.path("version")),
        integral(raw.path("sla_ms")),
        budget.isNumber() ? budget.decimalValue() : null,
        raw.path("allow_partial_completion").asBoolean(false),
        bindBudgetOverride(raw.path("budget_override")));
  }

  private static BudgetOverride bindBudgetOverride(JsonNode raw) {
    if (!raw.isObject()) {
      return null;
    }
    List<String> approvers = new ArrayList<>();
    raw.path("approvers").forEach(a -> {
      if (a.isTextual()) {
        approvers.add(a.asText());
      }
    });
    JsonNode raise = raw.path("raise_usd");
    JsonNode hours = raw.path("timeout_hours");
    return new BudgetOverride(text(raw.path("required_role")), List.copyOf(approvers),
        raise.isNumber() ? raise.decimalValue() : null,
        hours.isNumber() ? hours.asDouble() : BudgetOverride.DEFAULT_TIMEOUT_HOURS);
  }

  private static NodeSpec bindNode(JsonNode raw, String id, NodeType type) {
    JsonNode config = raw.path("config");
    List<String> dependencies = new ArrayList<>();
    raw.path("dependencies")
        .forEach(
            d -> {
              if (d.isTextual()) {
                dependencies.add(d.asText());
              }
            });
    return new NodeSpec(
        id,
        type,
        text(raw.path("name")),
        text(raw.path("agent_type")),
        config.isObject() ? (ObjectNode) config.deepCopy() : JsonNodeFactory.instance.objectNode(),
        integral(raw.path("timeout_ms")),
        dependencies,
        text(raw.path("description")));
  }

  /** The condition, the ordinary outcome when none is given, or null when it has a bad shape. */
  static EdgeCondition bindCondition(JsonNode raw, NodeType sourceType) {
    if (raw.isMissingNode() || raw.isNull()) {
      return WorkflowGraph.ordinaryOutcome(sourceType);
    }
    if (raw.isTextual()) {
      return Outcome.fromJson(raw.asText()).<EdgeCondition>map(EdgeCondition.OnOutcome::new)
          .orElse(null);
    }
    if (raw.isObject()) {
      String field = text(raw.path("field"));
      Operator operator = Operator.fromSymbol(text(raw.path("operator"))).orElse(null);
      if (field == null || operator == null) {
        return null;
      }
      JsonNode value = raw.get("value");
      return new EdgeCondition.Comparison(field, operator, value == null ? null : value.deepCopy());
    }
    return null;
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static Long integral(JsonNode node) {
    return node.isNumber() && node.canConvertToExactIntegral() ? node.asLong() : null;
  }
}
