package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessEngineLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Camunda's own context logger, through the filter: which ERROR lines reach the log. */
class RetriedConflictLogFilterTest {

  private static final ProcessEngineException PARENT_DELETED = new ProcessEngineException(
      "ENGINE-03077 Cannot resolve parent with id 'p' of execution 'e', perhaps it was deleted "
          + "in the meantime");

  private final RetriedConflictLogFilter filter = new RetriedConflictLogFilter();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Logger engineContext;

  @BeforeEach
  void attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    engineContext = context.getLogger(RetriedConflictLogFilter.ENGINE_CONTEXT_LOGGER);
    logged.start();
    engineContext.addAppender(logged);
    filter.install();
  }

  @AfterEach
  void detach() {
    filter.uninstall();
    engineContext.detachAppender(logged);
  }

  @Test
  void aConflictThatIsRetriedIsNotLoggedAsAnError() {
    RetriedConflictLogFilter.retried(
        () -> ProcessEngineLogger.CONTEXT_LOGGER.errorException(PARENT_DELETED));
    RetriedConflictLogFilter.retried(() -> ProcessEngineLogger.CONTEXT_LOGGER.errorException(
        new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE' failed")));
    assertThat(logged.list).isEmpty();
  }

  @Test
  void theLastAttemptAndOtherErrorsAreLoggedAsBefore() {
    ProcessEngineLogger.CONTEXT_LOGGER.errorException(PARENT_DELETED);
    RetriedConflictLogFilter.retried(() -> ProcessEngineLogger.CONTEXT_LOGGER.errorException(
        new ProcessEngineException("ENGINE-09005 Could not parse BPMN process")));
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("ENGINE-03077"))
        .anySatisfy(m -> assertThat(m).contains("ENGINE-09005"));
  }
}
