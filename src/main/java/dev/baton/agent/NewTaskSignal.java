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
  /** Agent tasks the current thread's transaction locked for itself as it created them. */
  private final ThreadLocal<int[]> claimed = new ThreadLocal<>();

  void signal() {
    permits.release();
  }

  /**
   * A transaction that created an agent task committed: wakes the fetch loop, unless this
   * thread locked the task in that same transaction ({@link #claim}); an empty fetch would
   * otherwise cost a transaction and CPU for every task of a chain.
   */
  void created() {
    int[] left = claimed.get();
    if (left != null && left[0] > 0) {
      left[0]--;
      return;
    }
    signal();
  }

  /** The current thread's transaction locks {@code tasks} of those it creates. */
  void claim(int tasks) {
    claimed.set(new int[] {tasks});
  }

  void unclaim() {
    claimed.remove();
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
