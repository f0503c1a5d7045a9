package dev.baton.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The body of {@code POST /api/agents} and {@code PUT /api/agents/{id}}.
 *
 * @param config {@code model} (absent: the catalogue's default), {@code temperature} (0-2),
 *     {@code max_tokens} (> 0), {@code tools} (tool slugs; assigned with scope {@code read} unless
 *     already assigned; use POST /api/agents/{id}/tools for other scopes), and any other key,
 *     merged under a node's own config at run time
 * @param enabled null: true
 * @param tenantId the tenant of a new agent, for a user of several tenants (otherwise their
 *     only one); administrators may leave it out to share the agent with every tenant
 */
public record AgentRequest(
    String slug,
    String title,
    String type,
    List<String> capabilities,
    ObjectNode config,
    Boolean enabled,
    String tenantId) {

  public AgentRequest(String slug, String title, String type, List<String> capabilities,
      ObjectNode config, Boolean enabled) {
    this(slug, title, type, capabilities, config, enabled, null);
  }
}
