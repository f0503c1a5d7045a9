package dev.baton.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a replay found: each node's line in walk order (then the nodes it did not reach), how
 * the run would end, what the recording cost and what the changed spec would add.
 *
 * @param outcome how the replayed walk ends: {@code completed}, {@code waiting_approval},
 *     {@code stopped_over_budget}, {@code failed} (a rejection or no matching branch), {@code
 *     budget_override} (it would ask an approver to raise the budget)
 * @param modelCostUsd what the replay itself cost: nothing, no model is called
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayReport(
    @JsonProperty("run_id") String runId,
    String workflow,
    @JsonProperty("dry_run") boolean dryRun,
    String outcome,
    List<NodeReplay> nodes,
    Totals totals,
    Budget budget,
    List<String> notes) {

  /**
   * @param recordedCostUsd what the replies reused in the walk cost when recorded
   * @param estimatedNewCostUsd the worst case of the calls a real run would add ({@code new})
   * @param counts lines per status
   */
  public record Totals(
      @JsonProperty("model_cost_usd") BigDecimal modelCostUsd,
      @JsonProperty("recorded_cost_usd") BigDecimal recordedCostUsd,
      @JsonProperty("estimated_new_cost_usd") BigDecimal estimatedNewCostUsd,
      @JsonProperty("model_calls_avoided") int modelCallsAvoided,
      @JsonProperty("model_calls_needed") int modelCallsNeeded,
      java.util.Map<String, Integer> counts) {}

  /**
   * The new spec's budget against the walk.
   *
   * @param capUsd the new spec's {@code budget_usd}, null without one
   * @param stopsAt the agent node at which the run would have been stopped (or asked for a
   *     raise), null when the cap holds
   * @param spentBeforeUsd the run's spend before that node
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Budget(@JsonProperty("cap_usd") BigDecimal capUsd,
      @JsonProperty("stops_at") String stopsAt,
      @JsonProperty("spent_before_usd") BigDecimal spentBeforeUsd,
      @JsonProperty("walk_cost_usd") BigDecimal walkCostUsd) {}
}
