package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.EdgeCondition.Comparison;
import dev.baton.spec.EdgeCondition.OnOutcome;
import dev.baton.spec.SpecBinder.BoundEdge;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Edges: their ends, self-links, and which conditions fit the node they leave. */
final class EdgeChecks {

  static final String INPUT_ROOT = "input";

  private static final Map<NodeType, Set<Outcome>> ALLOWED_OUTCOMES =
      Map.of(
          NodeType.AGENT_TASK, EnumSet.of(Outcome.SUCCESS, Outcome.FAILURE, Outcome.TIMEOUT),
          NodeType.APPROVAL_GATE, EnumSet.of(Outcome.APPROVED, Outcome.REJECTED, Outcome.TIMEOUT),
          NodeType.CONDITION, EnumSet.of(Outcome.DEFAULT),
          NodeType.PARALLEL, EnumSet.of(Outcome.SUCCESS));

  private final CheckContext ctx;
  private final SpecLimits limits;

  EdgeChecks(CheckContext ctx, SpecLimits limits) {
    this.ctx = ctx;
    this.limits = limits;
  }

  /** What one node type's edges may say, for hints. */
  static String allowedConditions(NodeType type) {
    if (type == NodeType.CONDITION) {
      return "comparisons {field, operator, value} and one 'default'";
    }
    return ALLOWED_OUTCOMES.get(type).stream().map(Outcome::json).collect(Collectors.joining(", "));
  }

  void edges() {
    JsonNode edges = ctx.root().path("edges");
    for (int k = 0; edges.isArray() && k < edges.size(); k++) {
      JsonNode raw = edges.get(k);
      String path = JsonPaths.edge(k);
      String from = raw.path("from").isTextual() ? raw.path("from").asText() : null;
      String to = raw.path("to").isTextual() ? raw.path("to").asText() : null;
      if (from != null && !ctx.indexById().containsKey(from)) {
        ctx.unknownReference(path + ".from", from, "source of edge " + k);
      }
      if (to != null && !ctx.indexById().containsKey(to)) {
        ctx.unknownReference(path + ".to", to, "target of edge " + k);
      }
      if (from != null && from.equals(to)) {
        ctx.error(
            path,
            "edge from '" + from + "' to itself",
            "to repeat a step, loop through a condition node with config.max_iterations");
      }
    }
    for (BoundEdge edge : ctx.bound().edges()) {
      NodeSpec source = ctx.nodeById().get(edge.edge().from());
      if (edge.conditionBound() && source != null) {
        condition(edge, source);
      }
    }
  }

  private void condition(BoundEdge bound, NodeSpec source) {
    EdgeSpec edge = bound.edge();
    JsonNode raw = ctx.root().path("edges").path(bound.index());
    String path = JsonPaths.edge(bound.index()) + (raw.has("condition") ? ".condition" : "");
    String label = "edge " + edge.from() + " -> " + edge.to();
    String sourceText = source.type().json() + " '" + source.id() + "'";
    String hint =
        "edges leaving " + article(source.type()) + " may use: "
            + allowedConditions(source.type());
    if (edge.condition() instanceof OnOutcome on) {
      if (!ALLOWED_OUTCOMES.get(source.type()).contains(on.outcome())) {
        ctx.error(
            path,
            label + ": condition '" + on.outcome().json() + "' does not fit " + sourceText,
            hint);
      } else if (on.outcome() == Outcome.TIMEOUT) {
        timeoutEdge(path, label, source);
      }
    } else if (edge.condition() instanceof Comparison comparison) {
      if (source.type() != NodeType.CONDITION) {
        ctx.error(
            path,
            label + ": a comparison only fits edges leaving a condition node, not " + sourceText,
            hint + "; or put a condition node after '" + source.id() + "'");
        return;
      }
      comparison(path, label, comparison);
    }
  }

  private void timeoutEdge(String path, String label, NodeSpec source) {
    if (source.type() == NodeType.AGENT_TASK && source.timeoutMs() == null) {
      ctx.warning(
          path,
          label + ": 'timeout' can never fire, agent_task '" + source.id()
              + "' has no timeout_ms",
          "add \"timeout_ms\" to '" + source.id() + "'");
    }
    if (source.type() == NodeType.APPROVAL_GATE
        && !source.config().has("timeout_hours")
        && !source.config().has("timeout")) {
      ctx.warning(
          path,
          label + ": 'timeout' can never fire, approval_gate '" + source.id()
              + "' has no timeout_hours or timeout",
          "add \"timeout_hours\" or \"timeout\" to the config of '" + source.id() + "'");
    }
  }

  private void comparison(String path, String label, Comparison comparison) {
    String op = comparison.operator().symbol();
    JsonNode value = comparison.value();
    if (comparison.operator() != Operator.EXISTS && value == null) {
      ctx.error(
          path,
          label + ": operator '" + op + "' needs a 'value'",
          "add \"value\", or use the operator 'exists' to test for presence");
    } else if (comparison.operator() == Operator.IN && !value.isArray()) {
      ctx.error(
          path + ".value",
          label + ": operator 'in' needs an array value but found "
              + JsonSchemaCheck.describeValue(value),
          "write e.g. \"value\": [\"high\", \"critical\"]");
    } else if (comparison.operator() == Operator.MATCHES) {
      matches(path, label, value);
    }
    String field = comparison.field();
    String first = field.split("\\.", -1)[0];
    if (!first.equals(INPUT_ROOT) && !ctx.indexById().containsKey(first)) {
      List<String> roots = new ArrayList<>();
      roots.add(INPUT_ROOT);
      roots.addAll(ctx.indexById().keySet());
      ctx.error(
          path + ".field",
          label + ": field '" + field + "' starts with '" + first
              + "', which is neither 'input' nor a node id" + DidYouMean.suffix(first, roots),
          "start the path with 'input' (the run's input) or the id of an earlier node, e.g."
              + " '<node>.output.passed'");
    }
  }

  private void matches(String path, String label, JsonNode value) {
    if (!value.isTextual()) {
      ctx.error(
          path + ".value",
          label + ": operator 'matches' needs a regular expression string but found "
              + JsonSchemaCheck.describeValue(value),
          "write the pattern as a string, e.g. \"^feat/\"");
      return;
    }
    RegexDialect.problem(value.asText(), limits.maxRegexLength()).ifPresent(problem ->
        ctx.error(
            path + ".value",
            label + ": pattern " + TextRules.shown(value.asText()) + " is refused: " + problem,
            "write an RE2 pattern (docs/spec-reference.md#regular-expressions): no "
                + "backreferences, no lookaround, counted repetitions up to {1000} and not "
                + "nested deeply"));
  }

  private static String article(NodeType type) {
    return (type == NodeType.AGENT_TASK || type == NodeType.APPROVAL_GATE ? "an " : "a ")
        + type.json();
  }
}
