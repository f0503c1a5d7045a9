package dev.baton.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Baton's roles. Each is a Camunda group, so people get a role by group membership in Camunda
 * Admin (or LDAP), and the engine's own authorizations, created for each group by {@link
 * AuthorizationSetup}, hold the same rules in {@code /engine-rest}, Tasklist and Cockpit as
 * {@link SecurityConfiguration} holds in {@code /api}.
 */
public enum BatonRole {

  /** Reads workflows, runs (inputs, outputs, cost) and agents of their tenants. */
  VIEWER("baton-viewer", "Baton viewers"),
  /** Deploys workflows through the API, manages agents, tools and prompts. */
  AUTHOR("baton-author", "Baton authors"),
  /** Starts, aborts and retries runs. */
  RUNNER("baton-runner", "Baton runners"),
  /** Sees and decides the approval gates they are a candidate for, in Tasklist or the API. */
  APPROVER("baton-approver", "Baton approvers"),
  /** Handles incidents and retries in Cockpit, changes budgets, reads the audit log and metrics. */
  OPERATOR("baton-operator", "Baton operators"),
  /** A remote agent worker's account: fetches and completes agent tasks over /engine-rest. */
  WORKER("baton-worker", "Baton agent workers"),
  /** Camunda's administrators: everything, in every tenant, users and groups included. */
  ADMIN("camunda-admin", "camunda BPM Administrators");

  private final String groupId;
  private final String groupName;

  BatonRole(String groupId, String groupName) {
    this.groupId = groupId;
    this.groupName = groupName;
  }

  public String groupId() {
    return groupId;
  }

  public String groupName() {
    return groupName;
  }

  /** Spring Security authority of the role ({@code ROLE_VIEWER}, ...). */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The roles this one includes: authors, runners and operators also view. */
  public Set<BatonRole> implied() {
    return switch (this) {
      case AUTHOR, RUNNER, OPERATOR -> EnumSet.of(this, VIEWER);
      case ADMIN -> EnumSet.allOf(BatonRole.class);
      default -> EnumSet.of(this);
    };
  }

  public static Optional<BatonRole> ofGroup(String groupId) {
    for (BatonRole role : values()) {
      if (role.groupId.equals(groupId)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
