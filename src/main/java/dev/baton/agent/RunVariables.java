package dev.baton.agent;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * The variables an agent task reads: those fetched with the task (the run input), and any
 * other, such as an earlier node's output, loaded on first use. A run's variables grow with
 * every node; fetching only what a prompt names keeps each task's cost flat.
 */
final class RunVariables {

  private final LockedExternalTask task;
  private final EngineTasks engine;
  private final Map<String, Object> loaded = new HashMap<>();

  RunVariables(LockedExternalTask task, EngineTasks engine) {
    this.task = task;
    this.engine = engine;
    loaded.putAll(task.getVariables());
  }

  /** The variable's value, or null when the run has no such variable. */
  Object get(String name) {
    if (!loaded.containsKey(name)) {
      loaded.put(name, engine.variable(task, name));
    }
    return loaded.get(name);
  }
}
