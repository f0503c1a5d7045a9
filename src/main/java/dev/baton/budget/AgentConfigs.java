package dev.baton.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The config of a registry agent by its slug, so that costs are reckoned with what the worker
 * will use: the agent's config under the node's own (the node wins; tools are not config).
 */
@FunctionalInterface
public interface AgentConfigs {

  /** No registry: nodes run with their own config. */
  AgentConfigs NONE = slug -> Optional.empty();

  Optional<JsonNode> config(String agentSlug);

  /** The node's config over its agent's. */
  default JsonNode effective(String agentSlug, JsonNode nodeConfig) {
    Optional<JsonNode> agent = agentSlug == null ? Optional.empty() : config(agentSlug);
    if (agent.isEmpty() || !agent.get().isObject()) {
      return nodeConfig;
    }
    return merge(agent.get(), nodeConfig);
  }

  /** {@code node} over {@code agent}, without the agent's tools. */
  static ObjectNode merge(JsonNode agent, JsonNode node) {
    ObjectNode merged = agent.deepCopy();
    merged.remove("tools");
    if (node != null && node.isObject()) {
      merged.setAll((ObjectNode) node);
    }
    return merged;
  }
}
