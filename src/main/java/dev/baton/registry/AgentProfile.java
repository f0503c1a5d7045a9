package dev.baton.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What matching and the worker need to know of an agent: a snapshot read from the registry.
 *
 * @param config the agent's model settings: {@code model}, {@code temperature}, {@code
 *     max_tokens}, {@code tools} (and any other key, merged under a node's config at run time)
 * @param tools the tools assigned to the agent, by slug, with the scopes of each assignment
 */
public record AgentProfile(
    long id,
    String slug,
    String title,
    String type,
    List<String> capabilities,
    ObjectNode config,
    boolean enabled,
    boolean builtIn,
    Map<String, List<String>> tools) {

  public AgentProfile {
    capabilities = List.copyOf(capabilities);
    tools = Map.copyOf(tools);
  }
}
