package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.spec.SpecBinder.Bound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of checking one document, shared by the semantic checks: the raw JSON (paths and
 * values the binder dropped), what bound, the ids in spec order, and the problems found so far.
 * The checks append to one list, so their order is the order of the report.
 */
final class CheckContext {

  private final JsonNode root;
  private final Bound bound;
  private final List<SpecProblem> problems = new ArrayList<>();
  /** Every string id, first occurrence wins, in spec order. */
  private final Map<String, Integer> indexById = new LinkedHashMap<>();
  /** The bound node behind each id (first occurrence). */
  private final Map<String, NodeSpec> nodeById = new HashMap<>();

  CheckContext(JsonNode root, Bound bound) {
    this.root = root;
    this.bound = bound;
    bound.ids().forEach(i -> indexById.putIfAbsent(i.value(), i.index()));
    bound.nodes().forEach(n -> nodeById.putIfAbsent(n.value().id(), n.value()));
  }

  JsonNode root() {
    return root;
  }

  Bound bound() {
    return bound;
  }

  Map<String, Integer> indexById() {
    return indexById;
  }

  Map<String, NodeSpec> nodeById() {
    return nodeById;
  }

  List<SpecProblem> problems() {
    return problems;
  }

  void error(String path, String message, String hint) {
    problems.add(SpecProblem.error(path, message, hint));
  }

  void warning(String path, String message, String hint) {
    problems.add(SpecProblem.warning(path, message, hint));
  }

  void unknownReference(String path, String id, String role) {
    error(
        path,
        "unknown node '" + id + "' (" + role + ")" + DidYouMean.suffix(id, indexById.keySet()),
        "use the id of a node of this spec: " + String.join(", ", indexById.keySet()));
  }
}
