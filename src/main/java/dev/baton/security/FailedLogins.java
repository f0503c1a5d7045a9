package dev.baton.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing from one client before it reaches Camunda, whose own defence
 * locks the targeted account (after a wrong password for some seconds, after ten for good): left
 * alone, anyone could lock an administrator out by guessing wrong on purpose. A client with too
 * many failed logins in the window is refused without its password being checked, so the
 * account's counter does not move. Kept per engine node: it limits a client's rate at each node,
 * which is all it needs to.
 */
@Component
class FailedLogins {

  /** Too many failed logins from this client; {@link #retryAfter()} says when to try again. */
  static final class Throttled extends AuthenticationServiceException {

    private final Duration retryAfter;

    Throttled(Duration retryAfter) {
      super("too many failed logins from this client");
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  /** Beyond this many clients tracked, the oldest entries are dropped (bounded memory). */
  private static final int MAX_CLIENTS = 10_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;

  @Autowired
  FailedLogins(@Value("${baton.security.max-failed-logins:20}") int maxFailures,
      @Value("${baton.security.failed-login-window:5m}") Duration window) {
    this(maxFailures, window, Clock.systemUTC());
  }

  FailedLogins(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** @throws Throttled when the client has failed too often within the window */
  void check(String client) {
    Deque<Instant> recent = failures.get(client);
    if (recent == null) {
      return;
    }
    synchronized (recent) {
      Instant now = clock.instant();
      prune(recent, now);
      if (recent.size() >= maxFailures) {
        throw new Throttled(Duration.between(now, recent.peekFirst().plus(window))
            .plusSeconds(1));
      }
    }
  }

  void failed(String client) {
    if (failures.size() >= MAX_CLIENTS) {
      Instant now = clock.instant();
      failures.values().removeIf(d -> {
        synchronized (d) {
          prune(d, now);
          return d.isEmpty();
        }
      });
    }
    Deque<Instant> recent = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(clock.instant());
      while (recent.size() > maxFailures) {
        recent.removeFirst();
      }
    }
  }

  private void prune(Deque<Instant> recent, Instant now) {
    while (!recent.isEmpty() && recent.peekFirst().plus(window).isBefore(now)) {
      recent.removeFirst();
    }
  }
}
