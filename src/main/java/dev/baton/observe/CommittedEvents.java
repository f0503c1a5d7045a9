package dev.baton.observe;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A history handler that acts once the engine has committed the step: a rolled-back step
 * (an optimistic-locking conflict retried by the job executor) leaves no span, no log line and
 * no count. (Also the base of {@code dev.baton.metrics.RunMetrics}.)
 */
public abstract class CommittedEvents implements HistoryEventHandler {

  /** What to do for the event once committed, or null for nothing. */
  protected abstract Runnable onCommit(HistoryEvent event);

  @Override
  public void handleEvent(HistoryEvent event) {
    Runnable action = onCommit(event);
    if (action == null) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      action.run();
    } else {
      command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
          context -> action.run());
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  /** The workflow's id (the process key); some events carry only the definition's id. */
  protected static String workflowOf(HistoryEvent event) {
    if (event.getProcessDefinitionKey() != null) {
      return event.getProcessDefinitionKey();
    }
    String definition = event.getProcessDefinitionId();
    return definition == null ? "unknown" : definition.split(":")[0];
  }
}
