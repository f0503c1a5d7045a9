package dev.baton.agent;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * The variables an agent task reads: those fetched with the task (the run input and budget),
 * and any other, such as an earlier node's output, loaded on first use. A run's variables grow
 * with every node; fetching only what a prompt names keeps each task's cost flat. The names a
 * task is expected to read (its upstream outputs, its feedback) are loaded together, in one
 * engine call, the first time any variable is missing.
 */
final class RunVariables {

  private final LockedExternalTask task;
  private final EngineTasks engine;
  private final Map<String, Object> loaded = new HashMap<>();
  private final Set<String> expected = new LinkedHashSet<>();

  RunVariables(LockedExternalTask task, EngineTasks engine, Collection<String> expected) {
    this.task = task;
    this.engine = engine;
    loaded.putAll(task.getVariables());
    this.expected.addAll(expected);
  }

  /** The variable's value, or null when the run has no such variable. */
  Object get(String name) {
    if (!loaded.containsKey(name)) {
      Set<String> batch = new LinkedHashSet<>(expected);
      batch.add(name);
      batch.removeAll(loaded.keySet());
      expected.clear();
      loaded.putAll(engine.variables(task, batch));
    }
    return loaded.get(name);
  }
}
