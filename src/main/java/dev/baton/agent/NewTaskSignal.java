package dev.baton.agent;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes the fetch loop when agent tasks may be waiting: a transaction in this JVM created one,
 * or a task just completed (its successor usually exists now). Tasks created on other engine
 * nodes are found by the loop's regular polling.
 */
@Component
class NewTaskSignal {

  private final Semaphore permits = new Semaphore(0);

  void signal() {
    permits.release();
  }

  /** Waits for a signal at most {@code millis}; true when one came. */
  boolean await(long millis) throws InterruptedException {
    if (permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
      permits.drainPermits();
      return true;
    }
    return false;
  }
}
