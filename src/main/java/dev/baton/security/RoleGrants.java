package dev.baton.security;

import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * The Camunda authorizations of each role's group: what the engine lets its members do in
 * {@code /engine-rest}, Tasklist and Cockpit, and (since Baton's API calls the engine as the
 * caller) in {@code /api}. Deliberately absent from every role but admin: creating deployments
 * (raw BPMN can carry expressions; authors deploy specs through {@code /api}, which compiles
 * them), process-instance modification and variable updates (they would skip gates and rewrite
 * budgets), users, groups, tenants and authorizations.
 */
final class RoleGrants {

  /** One authorization: a resource (all of that type: "*"), and permissions on it. */
  record Grant(Resource resource, String resourceId, List<Permission> permissions) {
    static Grant of(Resource resource, String resourceId, Permission... permissions) {
      return new Grant(resource, resourceId, List.of(permissions));
    }
  }

  static final String ALL = "*";

  private RoleGrants() {}

  /** The role's grants, one per resource (permissions of the same resource merged). */
  static List<Grant> of(BatonRole role) {
    Map<String, Grant> merged = new LinkedHashMap<>();
    for (Grant grant : listed(role)) {
      merged.merge(grant.resource().resourceName() + "/" + grant.resourceId(), grant,
          (a, b) -> new Grant(a.resource(), a.resourceId(), Stream.concat(
              a.permissions().stream(), b.permissions().stream()).distinct().toList()));
    }
    return List.copyOf(merged.values());
  }

  private static List<Grant> listed(BatonRole role) {
    List<Grant> grants = new ArrayList<>();
    switch (role) {
      case VIEWER -> grants.addAll(viewing());
      case AUTHOR -> grants.addAll(viewing());
      case RUNNER -> {
        grants.addAll(viewing());
        grants.add(Grant.of(PROCESS_DEFINITION, ALL,
            ProcessDefinitionPermissions.CREATE_INSTANCE,
            ProcessDefinitionPermissions.DELETE_INSTANCE,
            ProcessDefinitionPermissions.RETRY_JOB));
        grants.add(Grant.of(PROCESS_INSTANCE, ALL, ProcessInstancePermissions.CREATE));
      }
      case APPROVER -> {
        // the tasks themselves: Camunda grants each candidate READ and TASK_WORK on the task
        grants.add(Grant.of(APPLICATION, "tasklist", Permissions.ACCESS));
        grants.add(Grant.of(FILTER, ALL, Permissions.READ));
        grants.add(Grant.of(PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ));
      }
      case OPERATOR -> {
        grants.addAll(viewing());
        grants.add(Grant.of(PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.RETRY_JOB,
            ProcessDefinitionPermissions.SUSPEND_INSTANCE));
        grants.add(Grant.of(PROCESS_INSTANCE, ALL, ProcessInstancePermissions.RETRY_JOB,
            ProcessInstancePermissions.SUSPEND));
        grants.add(Grant.of(OPERATION_LOG_CATEGORY, ALL, UserOperationLogCategoryPermissions.READ));
      }
      case WORKER -> {
        // fetchAndLock needs READ_INSTANCE and UPDATE_INSTANCE; completing writes the output
        grants.add(Grant.of(PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE,
            ProcessDefinitionPermissions.READ_HISTORY));
        grants.add(Grant.of(PROCESS_INSTANCE, ALL, ProcessInstancePermissions.READ,
            ProcessInstancePermissions.UPDATE));
      }
      case ADMIN -> {
        // Camunda's administrators bypass authorization checks altogether
      }
    }
    return grants;
  }

  /** Reading workflows and their runs (instances, history, variables), in Cockpit too. */
  private static List<Grant> viewing() {
    return List.of(
        Grant.of(APPLICATION, "cockpit", Permissions.ACCESS),
        Grant.of(PROCESS_DEFINITION, ALL, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY),
        Grant.of(DECISION_DEFINITION, ALL, Permissions.READ, Permissions.READ_HISTORY),
        Grant.of(DECISION_REQUIREMENTS_DEFINITION, ALL, Permissions.READ),
        Grant.of(DEPLOYMENT, ALL, Permissions.READ));
  }
}
