package dev.baton.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way tests wait for something: poll a condition (Awaitility) from now on, at an
 * interval, with a time limit generous enough for a busy 2-core CI machine; never a fixed
 * sleep. Exceptions thrown by the condition end the wait at once.
 */
public final class Poll {

  private Poll() {}

  /** Waits until {@code done} holds; else fails with what was awaited and {@code state}. */
  public static void until(String what, Duration timeout, Duration interval,
      Callable<Boolean> done, Supplier<String> state) {
    try {
      await(what, timeout, interval).until(done);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + " not within " + timeout + ": " + state.get(), e);
    }
  }

  /**
   * Waits until {@code done} holds or the time is up; false then, and the caller's assertions
   * say what is missing (for waits whose report is more useful than a timeout).
   */
  public static boolean tryUntil(String what, Duration timeout, Duration interval,
      Callable<Boolean> done) {
    try {
      await(what, timeout, interval).until(done);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /** The first value read that {@code done} accepts, or empty when the time is up. */
  public static <T> Optional<T> firstMatch(String what, Duration timeout, Duration interval,
      Callable<T> read, Predicate<? super T> done) {
    try {
      return Optional.of(await(what, timeout, interval).until(read, done::test));
    } catch (ConditionTimeoutException e) {
      return Optional.empty();
    }
  }

  private static ConditionFactory await(String what, Duration timeout, Duration interval) {
    return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO)
        .pollInterval(interval);
  }
}
