package dev.baton.governance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code governance/policy.yml} as written (seed 000's keys, plus Baton's own: the role and
 * timeout of injected gates, history retention). Every key is optional; an unknown one is an
 * error, so a misspelt rule is never silently ignored.
 */
record PolicyDocument(Agents agents, Workflows workflows, Budgets budgets, Security security) {

  record Agents(
      @JsonProperty("allowed_types") List<String> allowedTypes,
      @JsonProperty("default_budget_per_run_usd") BigDecimal defaultBudgetPerRunUsd,
      @JsonProperty("max_retries") Integer maxRetries) {}

  record Workflows(
      @JsonProperty("require_human_gates") List<String> requireHumanGates,
      @JsonProperty("human_gate_role") String humanGateRole,
      @JsonProperty("human_gate_timeout_hours") Double humanGateTimeoutHours,
      @JsonProperty("run_sla_ms") Long runSlaMs,
      @JsonProperty("max_concurrent_runs") Integer maxConcurrentRuns,
      @JsonProperty("history_time_to_live") String historyTimeToLive) {}

  record Budgets(
      String enforcement,
      @JsonProperty("alert_at_percent") Integer alertAtPercent,
      @JsonProperty("require_approval_for_overrides") Boolean requireApprovalForOverrides) {}

  record Security(
      @JsonProperty("audit_trail_required") Boolean auditTrailRequired,
      @JsonProperty("pii_domains") List<String> piiDomains,
      @JsonProperty("require_role_based_execution") Boolean requireRoleBasedExecution) {}
}
