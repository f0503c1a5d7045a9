package dev.baton.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/** A task locked over the REST API, in the shape the worker knows from the Java API. */
record RemoteTask(
    String id,
    String topicName,
    String workerId,
    Date lockExpirationTime,
    Date createTime,
    String processInstanceId,
    String executionId,
    String activityId,
    String activityInstanceId,
    String processDefinitionId,
    String processDefinitionKey,
    String processDefinitionVersionTag,
    Integer retries,
    String errorMessage,
    String errorDetails,
    VariableMap variables,
    String tenantId,
    long priority,
    String businessKey,
    Map<String, String> extensionProperties) implements LockedExternalTask {

  private static final DateTimeFormatter REST_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  static RemoteTask of(JsonNode dto) {
    VariableMap variables = Variables.createVariables();
    dto.path("variables").fields().forEachRemaining(e ->
        variables.putValue(e.getKey(), RestVariables.fromRest(e.getValue())));
    Map<String, String> properties = new HashMap<>();
    dto.path("extensionProperties").fields().forEachRemaining(e ->
        properties.put(e.getKey(), e.getValue().asText()));
    return new RemoteTask(
        text(dto, "id"), text(dto, "topicName"), text(dto, "workerId"),
        date(dto, "lockExpirationTime"), date(dto, "createTime"),
        text(dto, "processInstanceId"), text(dto, "executionId"), text(dto, "activityId"),
        text(dto, "activityInstanceId"), text(dto, "processDefinitionId"),
        text(dto, "processDefinitionKey"), text(dto, "processDefinitionVersionTag"),
        dto.path("retries").isNumber() ? dto.path("retries").asInt() : null,
        text(dto, "errorMessage"), text(dto, "errorDetails"), variables,
        text(dto, "tenantId"), dto.path("priority").asLong(0), text(dto, "businessKey"),
        properties);
  }

  private static String text(JsonNode dto, String field) {
    JsonNode value = dto.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  private static Date date(JsonNode dto, String field) {
    String value = text(dto, field);
    if (value == null) {
      return null;
    }
    try {
      return Date.from(OffsetDateTime.parse(value, REST_DATE).toInstant());
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override public String getId() { return id; }
  @Override public String getTopicName() { return topicName; }
  @Override public String getWorkerId() { return workerId; }
  @Override public Date getLockExpirationTime() { return lockExpirationTime; }
  @Override public Date getCreateTime() { return createTime; }
  @Override public String getProcessInstanceId() { return processInstanceId; }
  @Override public String getExecutionId() { return executionId; }
  @Override public String getActivityId() { return activityId; }
  @Override public String getActivityInstanceId() { return activityInstanceId; }
  @Override public String getProcessDefinitionId() { return processDefinitionId; }
  @Override public String getProcessDefinitionKey() { return processDefinitionKey; }
  @Override public String getProcessDefinitionVersionTag() { return processDefinitionVersionTag; }
  @Override public Integer getRetries() { return retries; }
  @Override public String getErrorMessage() { return errorMessage; }
  @Override public String getErrorDetails() { return errorDetails; }
  @Override public VariableMap getVariables() { return variables; }
  @Override public String getTenantId() { return tenantId; }
  @Override public long getPriority() { return priority; }
  @Override public String getBusinessKey() { return businessKey; }
  @Override public Map<String, String> getExtensionProperties() { return extensionProperties; }
}
