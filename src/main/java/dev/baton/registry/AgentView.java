package dev.baton.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * An agent as the API shows it.
 *
 * @param config the stored config with {@code tools}: the slugs of the assigned tools
 * @param tools every assignment with its scopes
 * @param builtIn shipped with the platform (seeded); may be changed or disabled like any other
 * @param tenantId the tenant that owns the agent; null for an agent shared with every tenant
 */
public record AgentView(
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

  public record Grant(String tool, List<String> scopes) {}
}
