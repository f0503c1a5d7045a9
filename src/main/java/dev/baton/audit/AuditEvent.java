package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One action to record.
 *
 * @param action dotted lower-case name: {@code workflow.deployed}, {@code run.started}, {@code
 *     gate.decided}, {@code engine.process_instance.modify_process_instance}, ...
 * @param actor who did it; null: the current user (Spring Security, else the engine's
 *     authenticated user), else {@code system}
 * @param tenantId the tenant the resource belongs to, or null when it belongs to none
 * @param resourceType what kind of thing was acted on ({@code workflow}, {@code run}, {@code
 *     gate}, {@code budget}, {@code agent}, an engine entity type, ...)
 * @param resourceId which one
 * @param runId the run concerned, or null
 * @param details anything else worth keeping (JSON), or null; never secrets
 */
public record AuditEvent(
    String action,
    String actor,
    String tenantId,
    String resourceType,
    String resourceId,
    String runId,
    JsonNode details) {

  public AuditEvent {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("an audit event needs an action");
    }
  }
}
