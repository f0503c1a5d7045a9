package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.contract.BpmnConventions;
import dev.baton.contract.JsonValues;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * What one agent task asks for, read from the external task's extension properties and
 * completed from the agent registry ({@link AgentSetup}).
 *
 * @param upstream ids of nodes whose outputs the generic prompt includes
 * @param routeFailure whether a failure follows the node's {@code failure} edge (BPMN error)
 *     rather than raising an incident
 * @param continueOnFailure whether a permanent failure is recorded as the node's output and the
 *     run goes on (a non-critical task under {@code allow_partial_completion})
 * @param agentSlug the registry agent chosen at deploy time, or null
 * @param grants the agent's tools and the scopes of each
 * @param offeredTools the tools offered to the model in this node
 */
record AgentCall(
    String nodeId,
    String nodeName,
    String agentType,
    JsonNode config,
    List<String> upstream,
    boolean routeFailure,
    boolean continueOnFailure,
    String agentSlug,
    Map<String, List<String>> grants,
    List<String> offeredTools) {

  boolean structured() {
    return "structured".equals(config.path("output_format").asText());
  }

  /** Decodes what the compiler wrote on the external task ({@link BpmnConventions}). */
  static AgentCall of(LockedExternalTask task) {
    Map<String, String> props = task.getExtensionProperties();
    JsonNode config = JsonValues.toJson(props.getOrDefault(BpmnConventions.PROP_CONFIG, "{}"));
    String upstream = props.getOrDefault(BpmnConventions.PROP_UPSTREAM, "");
    return new AgentCall(
        props.getOrDefault(BpmnConventions.PROP_NODE, task.getActivityId()),
        task.getActivityId(),
        props.getOrDefault(BpmnConventions.PROP_AGENT_TYPE, "custom"),
        config.isObject() ? config : JsonNodeFactory.instance.objectNode(),
        upstream.isBlank() ? List.of() : List.of(upstream.split(",")),
        BpmnConventions.ON_FAILURE_ROUTE.equals(props.get(BpmnConventions.PROP_ON_FAILURE)),
        BpmnConventions.ON_FAILURE_CONTINUE.equals(props.get(BpmnConventions.PROP_ON_FAILURE)),
        props.get(BpmnConventions.PROP_AGENT), Map.of(), List.of());
  }
}
