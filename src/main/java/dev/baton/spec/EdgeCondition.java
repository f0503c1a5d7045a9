package dev.baton.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When an edge is taken: a named outcome of its source node ({@code "success"}, {@code
 * "approved"} ...) or, for edges leaving a {@code condition} node, a comparison on earlier
 * outputs.
 */
public sealed interface EdgeCondition {

  /** An edge taken on a named outcome of its source. */
  record OnOutcome(Outcome outcome) implements EdgeCondition {}

  /**
   * An edge taken when {@code field} (a dotted path such as {@code qa.output.passed} or {@code
   * input.priority}) compares to {@code value} with {@code operator}.
   */
  record Comparison(String field, Operator operator, JsonNode value) implements EdgeCondition {}
}
