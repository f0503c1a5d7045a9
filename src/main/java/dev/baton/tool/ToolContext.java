package dev.baton.tool;

import java.util.List;
import java.util.Map;

/**
 * Who is calling tools, for what, and with which rights.
 *
 * @param grants the agent's assigned tools (slug) and the scopes of each assignment
 * @param offered the tools offered to the model: the agent's, narrowed by the node's {@code
 *     config.tools} when it names any
 */
public record ToolContext(
    String runId,
    String workflowId,
    String tenantId,
    String nodeId,
    String taskId,
    String agentSlug,
    String agentType,
    Map<String, List<String>> grants,
    List<String> offered,
    int maxModelCalls,
    int maxToolCalls) {

  public ToolContext {
    grants = Map.copyOf(grants);
    offered = List.copyOf(offered);
  }
}
