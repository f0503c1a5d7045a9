package dev.baton.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the models' circuit breakers: logs every state change (a warning when one opens),
 * counts it ({@code baton.llm.breaker.transitions}, per {@code model}, {@code from} and
 * {@code to}), and remembers when each opened, so that the worker knows how long an open
 * breaker still refuses calls and can put its tasks aside until then instead of failing them.
 * Breakers are per JVM (a protection of this node); nothing here is needed for correctness.
 */
final class BreakerWatch {

  private static final Logger log = LoggerFactory.getLogger(BreakerWatch.class);

  private record Opened(Instant at, Duration openFor) {}

  private final CallMetrics metrics;
  private final Clock clock;
  private final Map<String, Opened> opened = new ConcurrentHashMap<>();
  private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

  BreakerWatch(CallMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Starts watching the breaker of catalogue model {@code model}. */
  void watch(String model, CircuitBreaker breaker, Duration openFor) {
    // the breaker sees only Baton's own (classified, redacted) exceptions
    breaker.getEventPublisher().onError(event -> {
      if (event.getThrowable() != null && event.getThrowable().getMessage() != null) {
        lastFailure.put(model, event.getThrowable().getMessage());
      }
    });
    breaker.getEventPublisher().onStateTransition(event -> {
      CircuitBreaker.State from = event.getStateTransition().getFromState();
      CircuitBreaker.State to = event.getStateTransition().getToState();
      if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
        opened.put(model, new Opened(clock.instant(), openFor));
        log.warn("Circuit breaker of model '{}' changed from {} to {} (failure rate {}%): its "
            + "calls are refused for {}; its tasks wait without spending their retries",
            model, from, to, Math.round(breaker.getMetrics().getFailureRate()), openFor);
      } else {
        opened.remove(model);
        log.info("Circuit breaker of model '{}' changed from {} to {}", model, from, to);
      }
      metrics.breakerTransition(model, from.name(), to.name());
    });
  }

  /** The message of the last failure the model's breaker recorded, or null. */
  String lastFailure(String model) {
    return lastFailure.get(model);
  }

  /**
   * How long from now the breaker of {@code model} refuses every call: the rest of its open
   * time, or zero when it is closed, half-open (its probes decide) or due to let probes through.
   */
  Duration refusedFor(String model, CircuitBreaker breaker) {
    if (breaker == null) {
      return Duration.ZERO;
    }
    CircuitBreaker.State state = breaker.getState();
    if (state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN) {
      return Duration.ZERO;
    }
    Opened since = opened.get(model);
    if (since == null) {
      return Duration.ZERO;
    }
    if (state == CircuitBreaker.State.FORCED_OPEN) {
      return since.openFor(); // until an operator closes it: look again after an open time
    }
    Duration left = Duration.between(clock.instant(), since.at().plus(since.openFor()));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
