package dev.baton.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/**
 * One line of a replay: a node's execution in the replayed walk (one per round of a loop), or
 * a recorded node the walk no longer reaches.
 *
 * @param round the node's 1-based visit in the walk (0 for a node it did not reach)
 * @param diff a unified diff of the recorded and the new prompt ({@code prompt_changed})
 * @param taskId the recorded external task whose reply is reused, if any
 * @param recordedCostUsd what the reused reply cost when it was recorded
 * @param estimatedCostUsd the worst case of one call of a {@code new} node (budget estimate)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeReplay(
    @JsonProperty("node_id") String nodeId,
    String type,
    int round,
    Status status,
    String summary,
    String diff,
    @JsonProperty("task_id") String taskId,
    @JsonProperty("recorded_cost_usd") BigDecimal recordedCostUsd,
    @JsonProperty("estimated_cost_usd") BigDecimal estimatedCostUsd) {

  /** What replay found for the node. */
  public enum Status {
    /** Rendered identically (or a gate, condition or fork unchanged): the recording stands. */
    SAME,
    /** The prompt renders differently; the recorded reply is reused and stale. */
    PROMPT_CHANGED,
    /** Nothing recorded for it: a real run would call the model (or route anew). */
    NEW,
    /** A condition that now takes another branch than in the recording. */
    PATH_CHANGED,
    /** A gate whose recorded decision is reused. */
    DECISION_REUSED,
    /** A gate with no recorded decision: a real run would wait here. */
    WOULD_WAIT_FOR_APPROVAL,
    /** The prompt cannot be rendered: a real run would fail the node. */
    PROMPT_ERROR,
    /** In the new spec and recorded, but the new routing does not reach it (this often). */
    SKIPPED,
    /** Recorded, not in the new spec. */
    REMOVED,
    /** In the new spec, neither recorded nor reached (after a wait, a stop or a branch). */
    NOT_REACHED;

    @JsonValue
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
