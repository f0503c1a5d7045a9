package dev.baton.approval;

import dev.baton.problem.ForbiddenException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The values submitted with the completion of a gate or override task, handed from {@link
 * GateCommandGuard} (which sees the completion command) to the task's complete listener (which
 * decides). The listener reads the decision only from here, never from a process variable that
 * someone could have set before: a completion that did not come through the guard is refused.
 * Held for the command's duration on its thread; the engine runs a completion and its
 * listeners on one thread.
 */
final class SubmittedForms {

  private static final ThreadLocal<Map<String, Map<String, Object>>> FORMS =
      ThreadLocal.withInitial(HashMap::new);

  private SubmittedForms() {}

  static void hold(String taskId, Map<String, ?> submitted) {
    Map<String, Object> values = new HashMap<>();
    if (submitted != null) {
      submitted.forEach((name, value) -> values.put(name,
          value instanceof TypedValue typed ? typed.getValue() : value));
    }
    FORMS.get().put(taskId, values);
  }

  static void release(String taskId) {
    Map<String, Map<String, Object>> held = FORMS.get();
    held.remove(taskId);
    if (held.isEmpty()) {
      FORMS.remove();
    }
  }

  /** What was submitted with the task's completion; refuses a completion the guard did not see. */
  public static Map<String, Object> of(DelegateTask task) {
    Map<String, Object> values = FORMS.get().get(task.getId());
    if (values == null) {
      throw new ForbiddenException("'" + task.getName() + "' can only be decided by completing "
          + "its task with the decision (Tasklist, /engine-rest or the Baton API)");
    }
    return values;
  }
}
