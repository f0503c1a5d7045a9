package dev.baton.api;

import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * Runs a request's transaction again when the engine found that the run changed under it (a
 * job or a worker committed a step of the same run at that moment): the request is the same
 * and still valid, so the caller should not have to repeat it. After three tries the conflict
 * reaches the caller as a 409 that says to try again.
 */
final class ConflictRetry {

  static final int ATTEMPTS = 3;

  private ConflictRetry() {}

  static <T> T retry(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (OptimisticLockingException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
