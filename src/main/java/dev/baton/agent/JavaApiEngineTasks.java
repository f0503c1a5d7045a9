package dev.baton.agent;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link EngineTasks} through the Java API of the engine in this JVM: no HTTP, no long polling
 * (the worker is woken by {@link NewTaskSignal} instead).
 */
class JavaApiEngineTasks implements EngineTasks {

  private final ExternalTaskService externalTasks;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;

  JavaApiEngineTasks(ExternalTaskService externalTasks, RuntimeService runtime,
      PlatformTransactionManager transactions) {
    this.externalTasks = externalTasks;
    this.runtime = runtime;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public List<LockedExternalTask> fetchAndLock(String workerId, int max, String topic,
      Duration lock, List<String> variables, Duration longPoll) {
    return externalTasks.fetchAndLock(max, workerId, true)
        .topic(topic, lock.toMillis())
        .variables(variables)
        .includeExtensionProperties()
        .execute();
  }

  @Override
  public void complete(String taskId, String workerId, Map<String, Object> variables) {
    externalTasks.complete(taskId, workerId, variables);
  }

  /** The engine's command joins this Spring transaction, so both commit together or neither. */
  @Override
  public void complete(String taskId, String workerId, Map<String, Object> variables,
      Runnable alongside) {
    transaction.executeWithoutResult(status -> {
      externalTasks.complete(taskId, workerId, variables);
      alongside.run();
    });
  }

  @Override
  public void handleFailure(String taskId, String workerId, String errorMessage,
      String errorDetails, int retries, long retryTimeoutMs) {
    externalTasks.handleFailure(taskId, workerId, errorMessage, errorDetails, retries,
        retryTimeoutMs);
  }

  @Override
  public void handleBpmnError(String taskId, String workerId, String errorCode,
      String errorMessage, Map<String, Object> variables) {
    externalTasks.handleBpmnError(taskId, workerId, errorCode, errorMessage, variables);
  }

  @Override
  public void extendLock(String taskId, String workerId, long newLockDurationMs) {
    externalTasks.extendLock(taskId, workerId, newLockDurationMs);
  }

  @Override
  public Object variable(LockedExternalTask task, String name) {
    return runtime.getVariable(task.getExecutionId(), name);
  }

  @Override
  public Map<String, Object> variables(LockedExternalTask task, Collection<String> names) {
    Map<String, Object> values = new HashMap<>();
    names.forEach(name -> values.put(name, null));
    values.putAll(runtime.getVariables(task.getExecutionId(), names));
    return values;
  }
}
