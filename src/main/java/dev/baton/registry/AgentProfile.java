package dev.baton.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent as the registry holds it: what matching and the worker read, and what the REST API
 * answers (one record, so that the two cannot drift apart; its components are the JSON's
 * fields, in order).
 *
 * @param config the agent's settings: {@code model}, {@code temperature}, {@code max_tokens},
 *     loop limits and any other key (merged under a node's config at run time), and {@code
 *     tools}: the slugs of the assigned tools
 * @param builtIn shipped with the platform (seeded); may be changed or disabled like any other
 * @param tenantId the tenant that owns the agent; null for an agent shared with every tenant
 * @param tools every assignment with its scopes, in the order they were made
 * @param updatedAt when the agent last changed; null for {@link DefaultAgents#profiles()}
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
    String tenantId,
    List<Grant> tools,
    Instant updatedAt) {

  public AgentProfile {
    capabilities = List.copyOf(capabilities);
    tools = List.copyOf(tools);
  }

  /** One tool assigned to the agent, with the scopes the agent may use it with. */
  public record Grant(String tool, List<String> scopes) {

    public Grant {
      scopes = List.copyOf(scopes);
    }
  }

  /** The stored agent with these assignments; {@code config.tools} lists their tools. */
  static AgentProfile of(Agent agent, List<Grant> grants) {
    return of(agent.id(), agent.slug(), agent.title(), agent.type(),
        RegistryJson.strings(agent.capabilitiesJson()), RegistryJson.object(agent.configJson()),
        agent.enabled(), agent.builtIn(), agent.tenantId(), grants, agent.updatedAt());
  }

  /** An agent whose {@code config.tools} is derived from {@code grants}, as the API shows it. */
  static AgentProfile of(long id, String slug, String title, String type,
      List<String> capabilities, ObjectNode storedConfig, boolean enabled, boolean builtIn,
      String tenantId, List<Grant> grants, Instant updatedAt) {
    ObjectNode config = storedConfig.deepCopy();
    ArrayNode slugs = config.putArray("tools");
    grants.forEach(g -> slugs.add(g.tool()));
    return new AgentProfile(id, slug, title, type, capabilities, config, enabled, builtIn,
        tenantId, grants, updatedAt);
  }

  /** The granted scopes by tool slug, in assignment order (what matching and the worker use). */
  public Map<String, List<String>> scopesByTool() {
    Map<String, List<String>> scopes = new LinkedHashMap<>();
    tools.forEach(g -> scopes.put(g.tool(), g.scopes()));
    return Collections.unmodifiableMap(scopes);
  }
}
