package dev.baton.security;

import dev.baton.problem.BadRequestException;
import dev.baton.problem.ForbiddenException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who calls: a person (or a worker account) with their Camunda groups and tenants, and the
 * Baton roles those groups give; or Baton itself ({@link #system()}), which the engine does not
 * check.
 *
 * @param userId the Camunda user id, null for the system
 * @param groups every Camunda group of the user
 * @param tenants the tenants the user belongs to (directly or through a group)
 */
public record Caller(String userId, List<String> groups, List<String> tenants) {

  private static final Caller SYSTEM = new Caller(null, List.of(), List.of());

  public Caller {
    groups = List.copyOf(groups);
    tenants = List.copyOf(tenants);
  }

  /** Baton's own work (start-up deployment, the job executor, the worker). */
  public static Caller system() {
    return SYSTEM;
  }

  public boolean isSystem() {
    return userId == null;
  }

  public boolean isAdmin() {
    return isSystem() || groups.contains(BatonRole.ADMIN.groupId());
  }

  public Set<BatonRole> roles() {
    Set<BatonRole> roles = EnumSet.noneOf(BatonRole.class);
    if (isSystem()) {
      return EnumSet.allOf(BatonRole.class);
    }
    groups.forEach(g -> BatonRole.ofGroup(g).ifPresent(r -> roles.addAll(r.implied())));
    return roles;
  }

  public boolean has(BatonRole role) {
    return roles().contains(role);
  }

  /** Refuses the call unless the caller has the role. */
  public void require(BatonRole role) {
    if (!has(role)) {
      throw new ForbiddenException("user '" + userId + "' needs the " + role.name()
          .toLowerCase() + " role (group '" + role.groupId() + "') for this");
    }
  }

  /** Whether the caller may see what belongs to a tenant; shared things (null) everyone sees. */
  public boolean sees(String tenantId) {
    return tenantId == null || isAdmin() || tenants.contains(tenantId);
  }

  /**
   * The tenant a new thing of the caller belongs to: the one asked for if the caller is a member
   * (admins: any), else the caller's only tenant; {@code fallback} for the system.
   */
  public String tenantFor(String requested, String fallback) {
    if (requested != null && !requested.isBlank()) {
      if (!sees(requested)) {
        throw new ForbiddenException("user '" + userId + "' is not a member of tenant '"
            + requested + "'");
      }
      return requested;
    }
    if (isSystem() || (isAdmin() && tenants.isEmpty())) {
      return fallback;
    }
    if (tenants.size() == 1) {
      return tenants.get(0);
    }
    if (tenants.isEmpty()) {
      throw new ForbiddenException("user '" + userId + "' belongs to no tenant; an "
          + "administrator adds them to one in Camunda Admin");
    }
    throw new BadRequestException("user '" + userId + "' belongs to tenants " + tenants
        + ": say which one with tenant_id");
  }
}
