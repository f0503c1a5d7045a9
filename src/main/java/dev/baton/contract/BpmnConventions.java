package dev.baton.contract;

/**
 * The names shared by the compiled BPMN and the code that runs it: topics, extension property
 * names, variables, decision keys and error codes. Generated element ids always contain {@code
 * __}, which node ids may not, so they can never collide with a node.
 */
public final class BpmnConventions {

  /** External task topic of every agent task. */
  public static final String AGENT_TOPIC = "baton-agent";

  /** The DMN decision evaluated before each agent task. */
  public static final String BUDGET_DECISION = "baton-budget-check";

  /** The Camunda Form of approval gates (forms/approval.form). */
  public static final String APPROVAL_FORM = "baton-approval";

  /** BPMN error that stops a run over budget (decision table DENY or a refused reservation). */
  public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";

  /** Camunda Form of budget-override approvals ({@code forms/budget-override.form}). */
  public static final String BUDGET_OVERRIDE_FORM = "baton-budget-override";

  /** BPMN error code thrown by a failed agent task that has a {@code failure} edge. */
  public static final String AGENT_FAILED = "AGENT_FAILED";

  // extension properties of agent tasks (read by the worker)
  public static final String PROP_NODE = "baton.node";
  public static final String PROP_AGENT_TYPE = "baton.agent_type";
  /** Slug of the registry agent chosen at deploy time (absent when compiled without one). */
  public static final String PROP_AGENT = "baton.agent";
  public static final String PROP_CONFIG = "baton.config";
  public static final String PROP_ON_FAILURE = "baton.on_failure";
  /** Comma-separated ids of the nodes directly before an agent task (its generic prompt). */
  public static final String PROP_UPSTREAM = "baton.upstream";
  /** On a budget-override approval: the raise its form proposes, in USD. */
  public static final String PROP_RAISE_USD = "baton.raise_usd";
  public static final String ON_FAILURE_ROUTE = "route";
  public static final String ON_FAILURE_INCIDENT = "incident";
  /**
   * A non-critical task of a workflow that allows partial completion: a permanent failure is
   * recorded as the node's output and the run goes on.
   */
  public static final String ON_FAILURE_CONTINUE = "continue";

  // process variables
  public static final String VAR_INPUT = "input";
  public static final String VAR_PRIORITY = "priority";
  public static final String VAR_WORKFLOW = "baton_workflow";
  public static final String VAR_BUDGET_USD = "baton_budget_usd";
  public static final String VAR_FAILED_NODE = "baton_failed_node";
  public static final String VAR_FAILURE_REASON = "baton_failure_reason";
  public static final String VAR_OUTCOME = "baton_outcome";
  public static final String VAR_SLA_BREACHED = "baton_sla_breached";
  public static final String VAR_BUDGET_ERROR = "baton_budget_error";
  /**
   * The run's W3C trace context ({@code 00-<trace id>-<span id>-<flags>}), set when the run
   * starts; the worker's and the engine's spans of the run are its children. No secret.
   */
  public static final String VAR_TRACEPARENT = "baton_traceparent";

  /** Separator of generated ids; node ids may not contain it. */
  public static final String SEP = "__";

  private BpmnConventions() {}

  /** Gate outcomes its gateway routes on. */
  public static final String OUTCOME_APPROVED = "approved";
  public static final String OUTCOME_REJECTED = "rejected";
  /** Approved once, but the two-person rule needs a second, different approver. */
  public static final String OUTCOME_PENDING = "pending";
  public static final String OUTCOME_CHANGES = "changes_requested";

  /** Variable holding a gate's outcome, which its gateway routes on. */
  public static String outcomeVariable(String gateId) {
    return gateId + SEP + "outcome";
  }

  /** Variable holding every action on a gate (decisions, escalations, timeout), oldest first. */
  public static String auditVariable(String gateId) {
    return gateId + SEP + "audit";
  }

  /** Variable holding how far a gate has escalated (0 before the first level). */
  public static String escalationVariable(String gateId) {
    return gateId + SEP + "escalation_level";
  }

  /** Variable holding the reviewer's comment for an agent whose work was sent back. */
  public static String feedbackVariable(String agentId) {
    return agentId + SEP + "feedback";
  }

  /** Variable counting visits of a guarded condition node. */
  public static String iterationsVariable(String conditionId) {
    return conditionId + SEP + "iterations";
  }

  /** Variable holding the budget decision taken before an agent task. */
  public static String budgetVariable(String nodeId) {
    return nodeId + SEP + "budget";
  }

  /** Whether an activity id is one Baton generated rather than a spec node. */
  /** The budget-override approval in front of an agent task (spec with budget_override). */
  public static String overrideId(String nodeId) {
    return nodeId + SEP + "override";
  }

  public static boolean isGenerated(String activityId) {
    return activityId == null || activityId.contains(SEP);
  }
}
