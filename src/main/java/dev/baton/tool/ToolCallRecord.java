package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One tool call the model asked for and what became of it.
 *
 * @param outcome {@code ok}, {@code error} (the endpoint failed or was unreachable), {@code
 *     refused_scope}, {@code refused_not_assigned}, {@code rate_limited}, {@code over_budget},
 *     {@code refused_policy} (a built-in tool's own rules: remote, repository or path not
 *     allowed), {@code not_configured},
 *     {@code bad_arguments} or {@code unknown_tool}
 * @param result the mapped reply of a call that went out, else null
 * @param detail what the model was told when the call did not succeed
 */
record ToolCallRecord(
    String name,
    String tool,
    String operation,
    JsonNode arguments,
    String outcome,
    Integer httpStatus,
    JsonNode result,
    String detail,
    BigDecimal costUsd,
    long latencyMs) {

  public boolean succeeded() {
    return "ok".equals(outcome);
  }
}
