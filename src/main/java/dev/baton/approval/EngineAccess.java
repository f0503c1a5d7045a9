package dev.baton.approval;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Lets Baton's listeners read what they need from the engine as the engine: a listener runs
 * inside the command of whoever triggered it (an approver completing a task, an operator
 * executing a job). Camunda runs custom code without authorization checks by default, but with
 * {@code authorizationEnabledForCustomCode} on it would check that user's rights on every query
 * the listener makes, and the review, the candidates' groups or the run's starter would fail or
 * come back filtered. The listener's reads are not the user's
 * (GatesUnderAuthorizationProcessTest).
 */
final class EngineAccess {

  private EngineAccess() {}

  static <T> T asEngine(Callable<T> read) {
    var command = Context.getCommandContext();
    try {
      return command == null ? read.call() : command.runWithoutAuthorization(read);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
