package dev.baton.identity;

import dev.baton.security.BatonRole;
import dev.baton.security.Tenants;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the groups the sample specs name as approver roles, a second tenant, and a demo user
 * for each of Baton's roles (password = user name), once; never on a production profile
 * ({@code baton.demo.enabled}). The admin user {@code demo} joins every approver group.
 */
@Component
@ConditionalOnProperty(name = "baton.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoIdentities {

  private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

  /** Approver groups the sample specs name in {@code required_role}. */
  static final Map<String, String> GROUPS = Map.of(
      "TenantAdmin", "Tenant administrators",
      "devops-lead", "DevOps leads",
      "product-owner", "Product owners");

  /** A second tenant, to show (and test) that tenants see nothing of each other. */
  static final String OTHER_TENANT = "acme";

  record DemoUser(String tenant, List<String> groups) {}

  static final Map<String, DemoUser> USERS = Map.of(
      "alice", new DemoUser(null, List.of(role(BatonRole.AUTHOR), role(BatonRole.RUNNER),
          role(BatonRole.APPROVER), "TenantAdmin", "product-owner")),
      "bob", new DemoUser(null, List.of(role(BatonRole.OPERATOR), role(BatonRole.APPROVER),
          "TenantAdmin", "devops-lead")),
      "carol", new DemoUser(null, List.of(role(BatonRole.APPROVER), "product-owner")),
      "dave", new DemoUser(null, List.of(role(BatonRole.RUNNER))),
      "erin", new DemoUser(null, List.of(role(BatonRole.VIEWER))),
      "worker", new DemoUser(null, List.of(role(BatonRole.WORKER))),
      "zoe", new DemoUser(OTHER_TENANT, List.of(role(BatonRole.AUTHOR), role(BatonRole.RUNNER),
          role(BatonRole.APPROVER), role(BatonRole.OPERATOR), "product-owner", "TenantAdmin")));

  private final IdentityService identity;
  private final Tenants tenants;
  private final String adminUser;
  private final String defaultTenant;

  DemoIdentities(IdentityService identity, Tenants tenants,
      @Value("${camunda.bpm.admin-user.id:demo}") String adminUser,
      @Value("${baton.tenant-id:default}") String defaultTenant) {
    this.identity = identity;
    this.tenants = tenants;
    this.adminUser = adminUser;
    this.defaultTenant = defaultTenant;
  }

  private static String role(BatonRole role) {
    return role.groupId();
  }

  /** After the role groups and the default tenant exist (AuthorizationSetup, order 0). */
  @EventListener
  @Order(1)
  public void create(ApplicationStartedEvent event) {
    GROUPS.forEach((id, name) -> {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType("WORKFLOW");
        identity.saveGroup(group);
      }
    });
    tenants.ensure(OTHER_TENANT, "ACME (demo tenant)");
    // memberships are checked on every start, so a database from an older version gets the
    // roles added since
    USERS.forEach((id, user) -> {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User created = identity.newUser(id);
        created.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
        created.setLastName("Demo");
        created.setEmail(id + "@example.com");
        created.setPassword(id);
        identity.saveUser(created);
        log.info("Demo user {} created in groups {}", id, user.groups());
      }
      user.groups().forEach(g -> {
        if (identity.createUserQuery().userId(id).memberOfGroup(g).count() == 0) {
          identity.createMembership(id, g);
        }
      });
      // the worker account reaches every tenant through its group
      if (!user.groups().contains(BatonRole.WORKER.groupId())) {
        joinTenant(user.tenant() == null ? defaultTenant : user.tenant(), id);
      }
    });
    if (identity.createUserQuery().userId(adminUser).count() > 0) {
      GROUPS.keySet().forEach(g -> {
        if (identity.createUserQuery().userId(adminUser).memberOfGroup(g).count() == 0) {
          identity.createMembership(adminUser, g);
        }
      });
      joinTenant(defaultTenant, adminUser);
    }
  }

  private void joinTenant(String tenant, String user) {
    if (identity.createTenantQuery().tenantId(tenant).userMember(user).count() == 0) {
      identity.createTenantUserMembership(tenant, user);
    }
  }
}
