package dev.baton.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The policy's {@code workflows.max_concurrent_runs}, enforced by the engine when a process
 * instance is created, in the transaction that creates it (history's "process instance
 * started" event comes before any async continuation), whoever asked. Runs in flight are
 * counted in the database over every tenant and every engine node, without the caller's
 * authorizations (a runner sees only its own). On PostgreSQL a transaction-scoped advisory lock
 * lines up starts across engine nodes, so two nodes cannot both take the last place; on H2
 * (one engine) the count is exact as it is.
 */
final class RunLimit implements HistoryEventHandler {

  /** The advisory lock's key: "BATONRUN" as a number, Baton's alone. */
  static final long LOCK_KEY = 0x4241544F4E52554EL;

  private final GovernanceProperties properties;

  RunLimit(GovernanceProperties properties) {
    this.properties = properties;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricProcessInstanceEventEntity
        && HistoryEventTypes.PROCESS_INSTANCE_START.getEventName()
            .equals(event.getEventType())) {
      check();
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private void check() {
    Integer limit = properties.maxConcurrentRuns();
    CommandContext command = Context.getCommandContext();
    if (limit == null || command == null) {
      return;
    }
    if ("postgres".equals(command.getProcessEngineConfiguration().getDatabaseType())) {
      lineUp(command);
    }
    long running;
    command.disableAuthorizationCheck();
    command.disableTenantCheck();
    try {
      // the instance being started is not flushed yet: this counts the others
      running = command.getProcessEngineConfiguration().getRuntimeService()
          .createProcessInstanceQuery().count();
    } finally {
      command.enableTenantCheck();
      command.enableAuthorizationCheck();
    }
    if (running >= limit) {
      throw new RunLimitReachedException(limit, running);
    }
  }

  /** Waits for starts on other engine nodes to commit; released when this transaction ends. */
  private static void lineUp(CommandContext command) {
    Connection connection = command.getSession(DbSqlSession.class).getSqlSession()
        .getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
    } catch (SQLException e) {
      throw new ProcessEngineException("could not take the run-limit lock", e);
    }
  }
}
