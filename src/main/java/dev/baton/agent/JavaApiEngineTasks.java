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
  private final NewTaskSignal newTasks;
  private final CompletionCommit commit;

  JavaApiEngineTasks(ExternalTaskService externalTasks, RuntimeService runtime,
      PlatformTransactionManager transactions, NewTaskSignal newTasks, CompletionCommit commit) {
    this.externalTasks = externalTasks;
    this.runtime = runtime;
    this.transaction = new TransactionTemplate(transactions);
    this.newTasks = newTasks;
    this.commit = commit;
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
      commit.relax();
      externalTasks.complete(taskId, workerId, variables);
      alongside.run();
    });
  }

  /**
   * The completion and the lock of the next task in one Spring transaction: the fetch's query
   * sees the task the completion just inserted (same connection, not yet committed), and the
   * fetch loop is not woken for a task this thread has taken already ({@link NewTaskSignal}).
   * On PostgreSQL the commit does not wait for the WAL flush ({@link CompletionCommit}).
   */
  @Override
  public List<LockedExternalTask> completeAndLock(String taskId, String workerId,
      Map<String, Object> variables, Runnable alongside, Next next) {
    boolean[] fetchFailed = {false};
    try {
      return transaction.execute(status -> {
        commit.relax();
        externalTasks.complete(taskId, workerId, variables);
        alongside.run();
        List<LockedExternalTask> locked;
        try {
          locked = fetchAndLock(workerId, 1, next.topic(), next.lock(), next.variables(),
              Duration.ZERO);
        } catch (RuntimeException e) {
          fetchFailed[0] = true;
          throw e;
        }
        newTasks.claim(locked.size());
        return locked;
      });
    } catch (RuntimeException e) {
      if (!fetchFailed[0]) {
        throw e;
      }
      // the fetch can fail when a concurrent completion just ended a run it selected
      // (docs/benchmarks.md); it spoilt the transaction, so the completion goes alone
      complete(taskId, workerId, variables, alongside);
      return List.of();
    } finally {
      newTasks.unclaim();
    }
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
