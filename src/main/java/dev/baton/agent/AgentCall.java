package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one agent task asks for, read from the external task's extension properties.
 *
 * @param upstream ids of nodes whose outputs the generic prompt includes
 * @param routeFailure whether a failure follows the node's {@code failure} edge (BPMN error)
 *     rather than raising an incident
 */
record AgentCall(
    String nodeId,
    String nodeName,
    String agentType,
    JsonNode config,
    List<String> upstream,
    boolean routeFailure) {

  boolean structured() {
    return "structured".equals(config.path("output_format").asText());
  }
}
