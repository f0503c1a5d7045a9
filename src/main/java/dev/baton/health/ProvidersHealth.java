package dev.baton.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code providers}: the circuit state of every model provider called so far. An open circuit
 * is {@code DEGRADED}, not down: the node still works, its agent tasks wait for the provider
 * (docs/providers.md#outages-backpressure-and-patience) and other providers serve theirs.
 */
@Component("providers")
class ProvidersHealth implements HealthIndicator {

  static final Status DEGRADED = new Status("DEGRADED",
      "a model provider's circuit is open: its agent tasks wait");

  private final CircuitBreakerRegistry breakers;

  ProvidersHealth(CircuitBreakerRegistry breakers) {
    this.breakers = breakers;
  }

  @Override
  public Health health() {
    Map<String, Object> circuits = new TreeMap<>();
    boolean open = false;
    for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
      CircuitBreaker.State state = breaker.getState();
      open |= state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
      circuits.put(breaker.getName(), Map.of(
          "state", state.name().toLowerCase(java.util.Locale.ROOT),
          "failure_rate_percent", breaker.getMetrics().getFailureRate(),
          "calls", breaker.getMetrics().getNumberOfBufferedCalls()));
    }
    return Health.status(open ? DEGRADED : Status.UP).withDetail("circuits", circuits).build();
  }
}
