package dev.baton.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

/**
 * A person as a {@link Caller}, read from Camunda's identity service as at login (groups and
 * tenants as they are now): for work done on someone's behalf without a request of theirs, such
 * as an agent's meta-tools acting with the rights of the person who started the run.
 */
@Component
public class UserCallers {

  private final IdentityService identity;

  UserCallers(IdentityService identity) {
    this.identity = identity;
  }

  /** The user as a caller, or empty when there is no such user (any more). */
  public Optional<Caller> of(String userId) {
    if (userId == null || identity.createUserQuery().userId(userId).count() == 0) {
      return Optional.empty();
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId)
        .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList();
    return Optional.of(new Caller(userId, groups, tenants));
  }
}
