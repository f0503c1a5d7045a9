package dev.baton.compile;

import dev.baton.contract.BpmnConventions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JUEL expressions written into the BPMN: Baton's fixed shapes, calling its beans ({@code
 * conditions}, {@code runOutcome}, {@code approvals}, the budget beans) with plain arguments so
 * that an analyst reading the model in Camunda Modeler sees what each flow tests. Text that
 * comes from a spec (node ids, condition fields and values, labels in failure reasons) appears
 * only as a {@link #quote quoted} JUEL string literal, never as part of the expression.
 */
final class Expressions {

  private Expressions() {}

  /** The tenant of a shared definition (deployed without one), as a tenant-id attribute. */
  static final String SHARED_TENANT = "${null}";

  static String comparison(String field, String operator, JsonNode value) {
    return "${conditions.test(execution, "
        + quote(field)
        + ", "
        + quote(operator)
        + ", "
        + quote(value == null ? "null" : value.toString())
        + ")}";
  }

  /** Comparison that also respects the loop guard of its condition node. */
  static String guardedComparison(
      String conditionId, int maxIterations, String field, String operator, JsonNode value) {
    String test = comparison(field, operator, value);
    return test.substring(0, test.length() - 1)
        + " && conditions.withinLimit(execution, "
        + quote(conditionId)
        + ", "
        + maxIterations
        + ")}";
  }

  static String withinLimit(String conditionId, int maxIterations) {
    return "${conditions.withinLimit(execution, " + quote(conditionId) + ", " + maxIterations
        + ")}";
  }

  static String countVisit(String conditionId) {
    return "${conditions.countVisit(execution, " + quote(conditionId) + ")}";
  }

  static String quorumReached(String quorumId, int needed) {
    return "${conditions.quorumReached(execution, " + quote(quorumId) + ", " + needed + ")}";
  }

  /**
   * Whether a gate's outcome variable holds a value. Read by name, not as a JUEL identifier: a
   * node id may contain '-' and '.', which JUEL would read as minus and property access.
   */
  static String outcomeIs(String gateId, String outcome) {
    return "${execution.getVariable(" + quote(BpmnConventions.outcomeVariable(gateId))
        + ") == " + quote(outcome) + "}";
  }

  static String escalate(String gateId, int level) {
    return "${approvals.escalate(execution, " + quote(gateId) + ", " + level + ")}";
  }

  static String timedOut(String gateId) {
    return "${approvals.timedOut(execution, " + quote(gateId) + ")}";
  }

  /** Sets a run's defaults; {@code budgetUsd} is the spec's budget or "" for none. */
  /** Start listener of a budget check: the facts its decision table reads. */
  static String budgetFacts(String nodeId) {
    return "${budgetFacts.load(execution, " + quote(nodeId) + ")}";
  }

  /** End listener of a budget check: acts on the decision (DENY stops the run). */
  static String budgetGuard(String nodeId) {
    return "${budgetGuard.enforce(execution, " + quote(nodeId) + ")}";
  }

  /** Flow condition: the budget check asked for a budget-override approval. */
  static String needsOverride(String nodeId) {
    return "${budgetGuard.needsApproval(execution, " + quote(nodeId) + ")}";
  }

  static String prepareOverride() {
    return "${budgetOverrides.prepare(task)}";
  }

  static String recordOverride() {
    return "${budgetOverrides.record(task)}";
  }

  static String overrideTimedOut(String overrideId) {
    return "${budgetOverrides.timedOut(execution, " + quote(overrideId) + ")}";
  }

  static String overrideRefused(String overrideId) {
    return "${budgetOverrides.refused(execution, " + quote(overrideId) + ")}";
  }

  static String budgetExceeded() {
    return "${runOutcome.budgetExceeded(execution)}";
  }

  /** Task listener preparing what the approver sees (the form's review text and actions). */
  static String prepareReview() {
    return "${approvals.prepare(task)}";
  }

  /** Task listener recording an approval decision, whoever took it and however. */
  static String recordDecision() {
    return "${approvals.record(task)}";
  }

  static String initialise(String budgetUsd) {
    return "${runOutcome.initialise(execution, " + quote(budgetUsd) + ")}";
  }

  static String fail(String nodeId, String reason) {
    return "${runOutcome.fail(execution, " + quote(nodeId) + ", " + quote(reason) + ")}";
  }

  static String rejected(String gateId) {
    return "${runOutcome.rejected(execution, " + quote(gateId) + ")}";
  }

  static String slaBreached() {
    return "${runOutcome.slaBreached(execution)}";
  }

  /**
   * A JUEL string literal in double quotes. Inside a literal JUEL knows two escapes, {@code \\}
   * and {@code \"}, and nothing else is special (not even {@code ${}).
   */
  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
