package dev.baton.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the groups the sample specs name as approver roles and a few users in them
 * (password = user name), once; never on a production profile ({@code baton.demo.enabled}).
 * The admin user {@code demo} joins every group.
 */
@Component
@ConditionalOnProperty(name = "baton.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoIdentities {

  private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

  static final Map<String, String> GROUPS = Map.of(
      "TenantAdmin", "Tenant administrators",
      "devops-lead", "DevOps leads",
      "product-owner", "Product owners");

  static final Map<String, List<String>> USERS = Map.of(
      "alice", List.of("TenantAdmin", "product-owner"),
      "bob", List.of("TenantAdmin", "devops-lead"),
      "carol", List.of("product-owner"));

  private final IdentityService identity;
  private final String adminUser;

  DemoIdentities(IdentityService identity,
      @org.springframework.beans.factory.annotation.Value("${camunda.bpm.admin-user.id:demo}")
      String adminUser) {
    this.identity = identity;
    this.adminUser = adminUser;
  }

  @EventListener
  public void create(ApplicationStartedEvent event) {
    GROUPS.forEach((id, name) -> {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
      }
    });
    USERS.forEach((id, groups) -> {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
        user.setLastName("Demo");
        user.setEmail(id + "@example.com");
        user.setPassword(id);
        identity.saveUser(user);
        groups.forEach(g -> identity.createMembership(id, g));
        log.info("Demo user {} created in groups {}", id, groups);
      }
    });
    if (identity.createUserQuery().userId(adminUser).count() > 0) {
      GROUPS.keySet().forEach(g -> {
        if (identity.createUserQuery().userId(adminUser).memberOfGroup(g).count() == 0) {
          identity.createMembership(adminUser, g);
        }
      });
    }
  }
}
