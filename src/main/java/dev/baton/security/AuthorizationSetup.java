package dev.baton.security;

import dev.baton.BatonProperties;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates Baton's role groups, the installation's tenant and each role's authorizations when an
 * engine node starts, adding what is missing and never changing what exists.
 * Several nodes may start together: a concurrent insert that loses is read back and merged.
 */
@Component
class AuthorizationSetup {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationSetup.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final Tenants tenants;
  private final String tenantId;

  AuthorizationSetup(IdentityService identity, AuthorizationService authorizations,
      Tenants tenants, BatonProperties properties) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.tenants = tenants;
    this.tenantId = properties.tenantId();
  }

  /** Before the demo users and the sample workflows, which need the groups and the tenant. */
  @EventListener
  @Order(0)
  public void setUp(ApplicationStartedEvent event) {
    int granted = 0;
    for (BatonRole role : BatonRole.values()) {
      if (role != BatonRole.ADMIN) {
        group(role);
      }
      for (RoleGrants.Grant grant : RoleGrants.of(role)) {
        granted += grant(role.groupId(), grant) ? 1 : 0;
      }
    }
    tenants.ensure(tenantId, "Default tenant");
    log.info("Authorization is on: {} role groups; {} authorization(s) added", 
        BatonRole.values().length, granted);
  }

  private void group(BatonRole role) {
    retryOnce(() -> {
      if (identity.createGroupQuery().groupId(role.groupId()).count() == 0) {
        Group group = identity.newGroup(role.groupId());
        group.setName(role.groupName());
        group.setType("SYSTEM");
        identity.saveGroup(group);
      }
      return null;
    });
  }

  /**
   * Creates the authorization unless the group has one on that resource already: an
   * administrator may have narrowed it in Camunda Admin (for example to some workflows), and a
   * restart must not widen it again.
   *
   * @return whether it was created
   */
  private boolean grant(String groupId, RoleGrants.Grant grant) {
    return retryOnce(() -> {
      long existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
          .resourceType(grant.resource()).resourceId(grant.resourceId()).count();
      if (existing > 0) {
        return false;
      }
      Authorization authorization =
          authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
      grant.permissions().forEach(authorization::addPermission);
      authorizations.saveAuthorization(authorization);
      return true;
    });
  }

  /** Another engine node may have created the same row a moment ago: read again and merge. */
  private static <T> T retryOnce(Supplier<T> step) {
    try {
      return step.get();
    } catch (ProcessEngineException e) {
      return step.get();
    }
  }
}
