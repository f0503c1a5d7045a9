package dev.baton.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of model calls, per catalogue model: {@code baton.llm.calls} (a timer,
 * tagged {@code outcome} = success, transient, permanent or policy; retries included) and
 * {@code baton.llm.tokens} (a counter, tagged {@code type} = input, output, cached,
 * reasoning). The cost ledger stays the record of spend; these are for dashboards and alerts.
 */
class CallMetrics {

  /** No meters (tests and tools without a registry). */
  static final CallMetrics NONE = new CallMetrics(null);

  private final MeterRegistry registry;

  CallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void succeeded(String model, long nanos, Usage usage) {
    if (registry == null) {
      return;
    }
    timer(model, "success").record(nanos, TimeUnit.NANOSECONDS);
    tokens(model, "input").increment(usage.input());
    tokens(model, "output").increment(usage.output());
    tokens(model, "cached").increment(usage.cached());
    tokens(model, "reasoning").increment(usage.reasoning());
  }

  void failed(String model, long nanos, LlmException.Kind kind) {
    if (registry != null) {
      timer(model, kind.name().toLowerCase(java.util.Locale.ROOT))
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void breakerTransition(String model, String from, String to) {
    if (registry != null) {
      Counter.builder("baton.llm.breaker.transitions")
          .description("Circuit breaker state changes of a model")
          .tag("model", model).tag("from", from).tag("to", to).register(registry).increment();
    }
  }

  private Timer timer(String model, String outcome) {
    return Timer.builder("baton.llm.calls").description("Model calls, retries included")
        .tag("model", model).tag("outcome", outcome).register(registry);
  }

  private Counter tokens(String model, String type) {
    return Counter.builder("baton.llm.tokens").description("Tokens as providers report them")
        .tag("model", model).tag("type", type).register(registry);
  }
}
