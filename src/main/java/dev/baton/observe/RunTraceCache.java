package dev.baton.observe;

import dev.baton.contract.BpmnConventions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The trace context of runs, as the engine side needs it for every node that ends: kept for
 * the runs this node saw start, read from the run's variable otherwise (a run started on
 * another engine node). Bounded, so runs that end elsewhere leave nothing behind for long.
 */
final class RunTraceCache {

  private static final int SIZE = 10_000;

  private final Map<String, String> byRun = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > SIZE;
    }
  };

  synchronized void put(String runId, String traceparent) {
    byRun.put(runId, traceparent);
  }

  synchronized void forget(String runId) {
    byRun.remove(runId);
  }

  /**
   * Reads a run's context from its variable once the current step is about to commit (a run
   * just created gets its start variables after its start event), for {@link #known}.
   */
  void learnBeforeCommit(String runId) {
    CommandContext command = Context.getCommandContext();
    if (command == null || runId == null) {
      return;
    }
    ExecutionEntity run = command.getExecutionManager().findExecutionById(runId);
    if (run == null) {
      return;
    }
    command.getTransactionContext().addTransactionListener(TransactionState.COMMITTING,
        context -> {
          Object value = run.getVariable(BpmnConventions.VAR_TRACEPARENT);
          if (value instanceof String text) {
            put(runId, text);
          }
        });
  }

  /** The run's context if this node knows it, without asking the database. */
  Traceparent known(String runId) {
    synchronized (this) {
      return runId == null ? null : Traceparent.parse(byRun.get(runId));
    }
  }

  /** The run's context, or null when it has none (tracing off when it started). */
  Traceparent of(String runId) {
    if (runId == null) {
      return null;
    }
    String known;
    synchronized (this) {
      known = byRun.get(runId);
    }
    if (known == null) {
      CommandContext command = Context.getCommandContext();
      if (command == null) {
        return null;
      }
      ExecutionEntity run = command.getExecutionManager().findExecutionById(runId);
      Object value = run == null ? null : run.getVariable(BpmnConventions.VAR_TRACEPARENT);
      known = value instanceof String text ? text : "";
      put(runId, known);
    }
    return Traceparent.parse(known);
  }
}
