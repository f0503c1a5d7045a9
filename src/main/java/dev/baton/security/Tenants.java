package dev.baton.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Creates Camunda tenants as Baton needs them: each with the worker group as a member. */
@Component
public class Tenants {

  private static final Logger log = LoggerFactory.getLogger(Tenants.class);

  private final IdentityService identity;

  Tenants(IdentityService identity) {
    this.identity = identity;
  }

  /**
   * Creates the tenant if it is missing, and puts the worker group in it (remote workers serve
   * every tenant). Another engine node may do the same at the same moment: then once more.
   */
  public void ensure(String id, String name) {
    try {
      create(id, name);
    } catch (ProcessEngineException e) {
      create(id, name);
    }
  }

  private void create(String id, String name) {
    if (identity.createTenantQuery().tenantId(id).count() == 0) {
      Tenant tenant = identity.newTenant(id);
      tenant.setName(name);
      identity.saveTenant(tenant);
      log.info("Tenant '{}' created", id);
    }
    String worker = BatonRole.WORKER.groupId();
    if (identity.createTenantQuery().tenantId(id).groupMember(worker).count() == 0) {
      identity.createTenantGroupMembership(id, worker);
    }
  }
}
