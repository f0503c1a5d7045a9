package dev.baton.llm;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits of one provider or one model as resilience4j instances, registered in the
 * application's registries so that the actuator and Micrometer show them: a rate limiter per
 * configured window (minute, hour, day), a token bucket per minute, a bulkhead. Instances are
 * named {@code <scope>.requests-per-minute}, {@code <scope>.tokens-per-minute} and so on, with
 * scope {@code provider.<name>} or {@code model.<name>}. They live in this JVM: with several
 * Baton nodes, each has its own (see docs/providers.md).
 */
final class CallGuards {

  /** A rate limiter and whether it counts tokens (acquire estimated tokens) or requests. */
  record Limiter(RateLimiter limiter, boolean tokens, int capacity) {}

  private final List<Limiter> limiters;
  private final Bulkhead bulkhead;

  private CallGuards(List<Limiter> limiters, Bulkhead bulkhead) {
    this.limiters = limiters;
    this.bulkhead = bulkhead;
  }

  static CallGuards of(String scope, LlmProperties.Limits limits, RateLimiterRegistry rates,
      BulkheadRegistry bulkheads) {
    List<Limiter> limiters = new ArrayList<>();
    Bulkhead bulkhead = null;
    if (limits != null) {
      Duration wait = limits.maxWaitOrDefault();
      add(limiters, rates, scope + ".requests-per-minute", limits.requestsPerMinute(),
          Duration.ofMinutes(1), wait, false);
      add(limiters, rates, scope + ".requests-per-hour", limits.requestsPerHour(),
          Duration.ofHours(1), wait, false);
      add(limiters, rates, scope + ".requests-per-day", limits.requestsPerDay(),
          Duration.ofDays(1), wait, false);
      add(limiters, rates, scope + ".tokens-per-minute", limits.tokensPerMinute(),
          Duration.ofMinutes(1), wait, true);
      if (limits.maxConcurrent() != null) {
        bulkhead = bulkheads.bulkhead(scope, BulkheadConfig.custom()
            .maxConcurrentCalls(limits.maxConcurrent())
            .maxWaitDuration(wait)
            .build());
      }
    }
    return new CallGuards(List.copyOf(limiters), bulkhead);
  }

  private static void add(List<Limiter> limiters, RateLimiterRegistry rates, String name,
      Integer limit, Duration period, Duration wait, boolean tokens) {
    if (limit == null) {
      return;
    }
    RateLimiter limiter = rates.rateLimiter(name, RateLimiterConfig.custom()
        .limitForPeriod(limit)
        .limitRefreshPeriod(period)
        .timeoutDuration(wait)
        .build());
    limiters.add(new Limiter(limiter, tokens, limit));
  }

  List<Limiter> limiters() {
    return limiters;
  }

  /** The bulkhead, or null when concurrency is not limited. */
  Bulkhead bulkhead() {
    return bulkhead;
  }
}
