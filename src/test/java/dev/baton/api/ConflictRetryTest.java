package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

  @Test
  void aConflictIsTriedAgainUntilTheTransactionGoesThrough() {
    AtomicInteger tries = new AtomicInteger();
    String result = ConflictRetry.retry(() -> {
      if (tries.incrementAndGet() < ConflictRetry.ATTEMPTS) {
        throw new OptimisticLockingException("the run changed");
      }
      return "aborted";
    });
    assertThat(result).isEqualTo("aborted");
    assertThat(tries).hasValue(ConflictRetry.ATTEMPTS);
  }

  @Test
  void aConflictThatStaysReachesTheCallerAndOtherErrorsAreNotRetried() {
    AtomicInteger tries = new AtomicInteger();
    assertThatThrownBy(() -> ConflictRetry.retry(() -> {
      tries.incrementAndGet();
      throw new OptimisticLockingException("always");
    })).isInstanceOf(OptimisticLockingException.class);
    assertThat(tries).hasValue(ConflictRetry.ATTEMPTS);

    AtomicInteger once = new AtomicInteger();
    assertThatThrownBy(() -> ConflictRetry.retry(() -> {
      once.incrementAndGet();
      throw new IllegalStateException("not a conflict");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(once).hasValue(1);
  }
}
