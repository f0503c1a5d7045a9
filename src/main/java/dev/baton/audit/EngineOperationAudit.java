package dev.baton.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Turns Camunda's user operation log into audit entries, next to the engine's own history
 * handler: every operation a person takes on the engine, through {@code /engine-rest},
 * Cockpit, Tasklist, Admin or Baton's services (modifications, restarts, deletions, job
 * retries, variable changes, task claims and completions, deployments, users, groups,
 * memberships, authorizations ...) becomes one entry {@code engine.<entity>.<operation>} (for
 * instance {@code engine.process_instance.modify_process_instance}), in the operation's
 * transaction. Camunda writes this log only for operations with an authenticated user, at
 * history level full; work the engine does by itself (the job executor, the worker) is not an
 * operator's action.
 *
 * <p>Every other history event passes through untouched: this is called for each of them, so
 * it returns at once.
 */
class EngineOperationAudit implements HistoryEventHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Operations Baton records itself, with more detail, when it initiates them. */
  private static final Set<String> COVERED = Set.of(
      key(EntityTypes.PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_CREATE),
      key(EntityTypes.PROCESS_INSTANCE,
          UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE),
      key(EntityTypes.TASK, UserOperationLogEntry.OPERATION_TYPE_COMPLETE),
      key(EntityTypes.DEPLOYMENT, UserOperationLogEntry.OPERATION_TYPE_CREATE));

  private final AuditLog log;

  EngineOperationAudit(AuditLog log) {
    this.log = log;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof UserOperationLogEntryEventEntity) {
      handleEvents(List.of(event));
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    Map<String, List<UserOperationLogEntryEventEntity>> operations = null;
    for (HistoryEvent event : events) {
      if (event instanceof UserOperationLogEntryEventEntity entry) {
        if (operations == null) {
          operations = new LinkedHashMap<>();
        }
        String id = entry.getOperationId() == null ? entry.getId() : entry.getOperationId();
        operations.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
      }
    }
    if (operations != null) {
      operations.values().forEach(this::record);
    }
  }

  private void record(List<UserOperationLogEntryEventEntity> entries) {
    UserOperationLogEntryEventEntity first = entries.get(0);
    String entity = first.getEntityType();
    String operation = first.getOperationType();
    ObjectNode details = JSON.createObjectNode();
    put(details, "operation_id", first.getOperationId());
    put(details, "entity_type", entity);
    put(details, "operation_type", operation);
    put(details, "category", first.getCategory());
    put(details, "process_definition_key", first.getProcessDefinitionKey());
    put(details, "process_definition_id", first.getProcessDefinitionId());
    put(details, "task_id", first.getTaskId());
    put(details, "job_id", first.getJobId());
    put(details, "job_definition_id", first.getJobDefinitionId());
    put(details, "deployment_id", first.getDeploymentId());
    put(details, "batch_id", first.getBatchId());
    put(details, "external_task_id", first.getExternalTaskId());
    put(details, "annotation", first.getAnnotation());
    ArrayNode changes = JSON.createArrayNode();
    for (UserOperationLogEntryEventEntity e : entries) {
      if (e.getProperty() != null) {
        ObjectNode change = changes.addObject().put("property", e.getProperty());
        put(change, "org_value", e.getOrgValue());
        put(change, "new_value", e.getNewValue());
      }
    }
    if (!changes.isEmpty()) {
      details.set("changes", changes);
    }
    log.appendEngineOperation(new AuditEvent(
            "engine." + snake(entity) + "." + snake(operation),
            first.getUserId(), first.getTenantId(), snake(entity), resourceId(first),
            first.getProcessInstanceId(), details),
        COVERED.contains(key(entity, operation)));
  }

  /** The id of what the operation acted on, where the log names it. */
  private static String resourceId(UserOperationLogEntryEventEntity e) {
    String entity = e.getEntityType() == null ? "" : e.getEntityType();
    return switch (entity) {
      case EntityTypes.TASK, EntityTypes.IDENTITY_LINK, EntityTypes.ATTACHMENT -> e.getTaskId();
      case EntityTypes.JOB -> e.getJobId();
      case EntityTypes.JOB_DEFINITION -> e.getJobDefinitionId();
      case EntityTypes.DEPLOYMENT -> e.getDeploymentId();
      case EntityTypes.BATCH -> e.getBatchId();
      case EntityTypes.EXTERNAL_TASK -> e.getExternalTaskId();
      case EntityTypes.PROCESS_DEFINITION -> e.getProcessDefinitionId() != null
          ? e.getProcessDefinitionId() : e.getProcessDefinitionKey();
      default -> e.getProcessInstanceId() != null ? e.getProcessInstanceId()
          : e.getProcessDefinitionKey();
    };
  }

  private static String key(String entity, String operation) {
    return entity + "/" + operation;
  }

  /** {@code ProcessInstance} → {@code process_instance}; {@code Group membership} likewise. */
  static String snake(String camel) {
    if (camel == null || camel.isEmpty()) {
      return "unknown";
    }
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (c == ' ') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        char before = i > 0 ? camel.charAt(i - 1) : ' ';
        if (before != ' ' && !Character.isUpperCase(before)) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
