package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.registry.AgentDirectory;
import dev.baton.registry.AgentProfile;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.stereotype.Component;

/**
 * Applies a node's registry agent at run time: the agent's config (model, temperature,
 * max_tokens, loop limits ...) under the node's own (the node wins), and the agent's tools,
 * narrowed to the node's {@code config.tools} when it names any. The agent was chosen at deploy
 * time; if it has been disabled or removed since, the node fails with a message naming it
 * rather than silently running with another agent (docs/agents.md).
 */
@Component
class AgentSetup {

  private final AgentDirectory directory;
  private final ToolLoop loop;

  AgentSetup(AgentDirectory directory, ToolLoop loop) {
    this.directory = directory;
    this.loop = loop;
  }

  /** The call with its agent applied; a call compiled without an agent is left as it is. */
  AgentCall apply(AgentCall call) {
    if (call.agentSlug() == null) {
      return call;
    }
    Optional<AgentProfile> found = directory.bySlug(call.agentSlug());
    if (found.isEmpty()) {
      throw new AgentUnavailableException("agent '" + call.agentSlug() + "' of node '"
          + call.nodeId() + "' no longer exists; register it again, or redeploy the workflow "
          + "so that the node is matched to another agent, then retry the run");
    }
    AgentProfile agent = found.get();
    if (!agent.enabled()) {
      throw new AgentUnavailableException("agent '" + agent.slug() + "' of node '"
          + call.nodeId() + "' is disabled; enable it (PUT /api/agents/" + agent.id()
          + ") or redeploy the workflow so that the node is matched to an enabled agent, then "
          + "retry the run");
    }
    ObjectNode merged = agent.config().deepCopy();
    merged.remove("tools");
    call.config().properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    Map<String, List<String>> grants = agent.scopesByTool();
    List<String> offered = new ArrayList<>(grants.keySet());
    JsonNode nodeTools = call.config().get("tools");
    if (nodeTools != null && nodeTools.isArray() && !nodeTools.isEmpty()) {
      List<String> wanted = new ArrayList<>();
      nodeTools.forEach(t -> wanted.add(t.asText()));
      offered.retainAll(wanted);
    }
    return new AgentCall(call.nodeId(), call.nodeName(), agent.type(), merged, call.upstream(),
        call.routeFailure(), call.continueOnFailure(), agent.slug(), grants,
        List.copyOf(offered));
  }

  ToolContext tools(AgentCall call, LockedExternalTask task) {
    return new ToolContext(task.getProcessInstanceId(), task.getProcessDefinitionKey(),
        task.getTenantId(), call.nodeId(), task.getId(), call.agentSlug(), call.agentType(),
        call.grants() == null ? Map.of() : call.grants(), call.offeredTools(),
        loop.maxModelCalls(call.config()), loop.maxToolCalls(call.config()));
  }
}
