package dev.baton.audit;

import java.time.Instant;

/**
 * Which entries to list; a null criterion does not filter.
 *
 * @param resource the resource id (any type), e.g. a workflow slug, a gate id, a budget id
 * @param from entries at or after this instant
 * @param to entries before this instant
 * @param visibleTenants only entries of these tenants (a non-admin caller's); null: all
 */
public record AuditFilter(
    String action,
    String actor,
    String tenantId,
    String runId,
    String resourceType,
    String resource,
    Instant from,
    Instant to,
    java.util.List<String> visibleTenants) {

  public static AuditFilter none() {
    return new AuditFilter(null, null, null, null, null, null, null, null, null);
  }
}
