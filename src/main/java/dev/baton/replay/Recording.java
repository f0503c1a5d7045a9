package dev.baton.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a run left behind to replay: its input, each agent node's executions in order (one per
 * round of a loop) and each gate's decisions in order.
 */
record Recording(JsonNode input, Map<String, List<Execution>> executions,
    Map<String, List<GateDecision>> decisions) {

  Recording {
    executions = Map.copyOf(executions);
    decisions = Map.copyOf(decisions);
  }

  /**
   * One recorded agent task.
   *
   * @param output the node's output as the run's next nodes read it (redacted)
   * @param prompt the rendered prompt the model was given (redacted), null when unknown
   * @param costUsd what its model calls cost (the output's {@code cost_usd})
   */
  record Execution(String taskId, JsonNode output, String prompt, BigDecimal costUsd) {}

  /**
   * One final decision of a gate: {@code approved}, {@code rejected} or {@code
   * changes_requested} (a first approval under the two-person rule is not one).
   */
  record GateDecision(String outcome, String decidedBy, String comment) {}

  List<Execution> executionsOf(String nodeId) {
    return executions.getOrDefault(nodeId, List.of());
  }

  List<GateDecision> decisionsOf(String nodeId) {
    return decisions.getOrDefault(nodeId, List.of());
  }
}
