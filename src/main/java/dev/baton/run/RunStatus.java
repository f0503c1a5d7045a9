package dev.baton.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A run as the API shows it, assembled from Camunda's runtime and history.
 *
 * @param status queued, running, waiting_approval, completed, partially_completed (ended, but a
 *     non-critical agent task failed under {@code allow_partial_completion}; that node's status
 *     is failed and its output holds the error), failed or aborted
 * @param reason why a run failed or was aborted, in words an operator can act on
 * @param spentUsd what the run's model calls cost so far (GET …/cost has the breakdown)
 * @param retriedFrom the run this one restarted, when it was created by a retry
 * @param traceId the run's trace (OpenTelemetry; find it in Jaeger or Tempo), when tracing
 *     was on when it started
 * @param spentWithChildrenUsd what the run and every run it started (children, grandchildren
 *     ...) cost so far: what the run's budget checks count
 * @param parentRunId the run whose agent started this one (meta-tools), else null
 * @param children the runs this run's agents started, oldest first
 */
public record RunStatus(
    String id,
    String workflowId,
    int workflowVersion,
    String status,
    JsonNode inputData,
    Integer priority,
    String startedBy,
    Instant startedAt,
    Instant endedAt,
    String failedNode,
    String reason,
    boolean slaBreached,
    java.math.BigDecimal spentUsd,
    java.math.BigDecimal budgetUsd,
    String retriedFrom,
    String traceId,
    java.math.BigDecimal spentWithChildrenUsd,
    String parentRunId,
    List<ChildRun> children,
    List<NodeStatus> nodes) {

  /**
   * A run started by one of this run's agents.
   *
   * @param status as the child's own status says; {@code unknown} when the reader may not
   *     read the child's workflow
   */
  public record ChildRun(String runId, String workflowId, String status, String parentNodeId) {}

  /**
   * One spec node within a run.
   *
   * @param status pending, running, waiting_approval, waiting_for_provider (an agent task
   *     waits out its provider's failures within the model's patience; {@code error} says
   *     since when and why), completed, rejected, failed, timed_out, canceled or skipped
   * @param visits how often the node ran (more than one inside a loop)
   * @param audit for an approval gate: every decision, escalation and timeout, oldest first
   */
  public record NodeStatus(
      String id,
      String name,
      String type,
      String status,
      Instant startedAt,
      Instant endedAt,
      int visits,
      JsonNode output,
      String error,
      JsonNode audit) {}
}
