package dev.baton.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

  private Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void aClientIsRefusedAfterTooManyFailuresUntilTheOldestLeavesTheWindow() {
    FailedLogins logins = new FailedLogins(3, Duration.ofMinutes(5), clock);
    for (int i = 0; i < 3; i++) {
      logins.check("10.0.0.1");
      logins.failed("10.0.0.1");
      now = now.plusSeconds(10);
    }
    assertThatThrownBy(() -> logins.check("10.0.0.1"))
        .isInstanceOfSatisfying(FailedLogins.Throttled.class,
            t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(271)));
    assertThatCode(() -> logins.check("10.0.0.2")).as("another client").doesNotThrowAnyException();

    now = now.plus(Duration.ofMinutes(5)).minusSeconds(29);
    assertThatCode(() -> logins.check("10.0.0.1")).as("first failure out of the window")
        .doesNotThrowAnyException();
  }
}
