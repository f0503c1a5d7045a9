package dev.baton.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda's ERROR line for a concurrent change out of the log while the worker is going
 * to report the task again. Camunda logs "ENGINE-16004 Exception while closing command
 * context" with a stack trace for ENGINE-03077 (a sibling branch's transaction removed the
 * parent execution first) before the exception reaches the worker, which then simply retries
 * ({@code TaskOutcomes}); operators took those lines for failures. A last attempt, and any
 * other error, is logged as before.
 */
@Component
class RetriedConflictLogFilter extends TurboFilter {

  /** Camunda's logger for errors while a command closes. */
  static final String ENGINE_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

  private static final ThreadLocal<Boolean> RETRIED = new ThreadLocal<>();

  /** Runs an engine call whose concurrent-change failure will be retried. */
  static void retried(Runnable engineCall) {
    RETRIED.set(Boolean.TRUE);
    try {
      engineCall.run();
    } finally {
      RETRIED.remove();
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    // asked for every log call and level check in the JVM: the cheapest test first
    if (level != Level.ERROR || RETRIED.get() == null
        || !ENGINE_CONTEXT_LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t != null ? t : lastThrowable(params);
    return thrown instanceof ProcessEngineException e && TaskOutcomes.isConcurrentChange(e)
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /** SLF4J passes the exception as the last parameter. */
  private static Throwable lastThrowable(Object[] params) {
    return params != null && params.length > 0
        && params[params.length - 1] instanceof Throwable thrown ? thrown : null;
  }

  @PostConstruct
  void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      setName("baton-retried-conflicts");
      start();
      context.addTurboFilter(this);
    }
  }

  @PreDestroy
  void uninstall() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(this);
    }
  }
}
