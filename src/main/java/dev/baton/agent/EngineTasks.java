package dev.baton.agent;

import java.time.Duration;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * The engine as the agent worker sees it: lock agent tasks, report how they ended, read a run's
 * variables. In an engine node the worker uses the engine's Java API; a worker-only process
 * talks to an engine node's REST API. Everything else in the worker is the same in both.
 *
 * <p>Failures follow the engine's exceptions: a task that is gone (lock lost, run ended) is a
 * {@link org.camunda.bpm.engine.BadUserRequestException}; a concurrent change to the same run
 * is an {@link org.camunda.bpm.engine.OptimisticLockingException} worth trying again.
 */
public interface EngineTasks {

  /**
   * Locks up to {@code max} tasks of {@code topic} for {@code workerId}.
   *
   * @param variables the variables to fetch with each task
   * @param longPoll how long the engine may hold the request open waiting for tasks; an
   *     implementation without long polling answers at once
   */
  List<LockedExternalTask> fetchAndLock(String workerId, int max, String topic, Duration lock,
      List<String> variables, Duration longPoll);

  /**
   * How long {@link #fetchAndLock} should wait on the engine for new tasks (long polling), or
   * zero when this engine cannot wait and the worker polls itself.
   */
  default Duration longPoll() {
    return Duration.ZERO;
  }

  void complete(String taskId, String workerId, Map<String, Object> variables);

  /**
   * Completes the task and does {@code alongside} (Baton's own bookkeeping of the completion):
   * in the completion's database transaction when the engine runs in this JVM, right after it
   * otherwise.
   */
  default void complete(String taskId, String workerId, Map<String, Object> variables,
      Runnable alongside) {
    complete(taskId, workerId, variables);
    alongside.run();
  }

  /**
   * What to lock together with a completion ({@link #completeAndLock}).
   *
   * @param variables the variables to fetch with each task
   */
  record Next(String topic, Duration lock, List<String> variables) {}

  /**
   * Completes the task like {@link #complete(String, String, Map, Runnable)} and locks one more
   * task of {@code next.topic()} in the same transaction, where the engine runs in this JVM: the
   * completion usually creates the run's next task, and the worker that finished this one takes
   * it at once, without a transaction (and a durable commit) of its own for the fetch and
   * without waiting for the fetch loop. The locked task exists only once the transaction has
   * committed, so it is returned only then.
   *
   * @return the task locked with the completion, or none (nothing waiting, or an engine that
   *     cannot do both in one transaction)
   */
  default List<LockedExternalTask> completeAndLock(String taskId, String workerId,
      Map<String, Object> variables, Runnable alongside, Next next) {
    complete(taskId, workerId, variables, alongside);
    return List.of();
  }

  void handleFailure(String taskId, String workerId, String errorMessage, String errorDetails,
      int retries, long retryTimeoutMs);

  void handleBpmnError(String taskId, String workerId, String errorCode, String errorMessage,
      Map<String, Object> variables);

  void extendLock(String taskId, String workerId, long newLockDurationMs);

  /** A variable of the task's run as seen from its execution, or null when there is none. */
  Object variable(LockedExternalTask task, String name);

  /**
   * Several variables of the task's run at once; a name the run does not have maps to null.
   * The engine in this JVM reads them in one command.
   */
  default Map<String, Object> variables(LockedExternalTask task, Collection<String> names) {
    Map<String, Object> values = new HashMap<>();
    names.forEach(name -> values.put(name, variable(task, name)));
    return values;
  }
}
