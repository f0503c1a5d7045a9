package dev.baton.agent;

import dev.baton.BatonProperties;
import dev.baton.llm.LlmException;
import dev.baton.llm.ModelCatalogue;
import dev.baton.llm.ProviderWaits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Backpressure instead of incidents while a provider is in trouble. Decides which model an
 * agent task calls now (its model, its {@code fallback_model} once the model's circuit is open
 * or its patience is used up, or none: the task waits) and what a transient failure does to
 * the task: wait, with the task's retries untouched unless the failure was the task's own
 * (see {@link LlmException.Blame}), or become an incident once the patience or the retries are
 * used up.
 *
 * <p>A waiting task is failed in the engine with its retries (so nothing is held in this JVM:
 * the engine hands it to any node after the wait), an error message saying since when it waits
 * ({@link ProviderWaits}: the start of its patience, durable and shared by every node) and a
 * wait until the model's open circuit lets probes through, the provider's {@code Retry-After},
 * or {@code baton.worker.retry-backoff}, whichever is longest, plus a random share of the
 * backoff, so that waiting tasks do not all come back at once.
 */
@Component
class ProviderPatience {

  private static final Logger log = LoggerFactory.getLogger(ProviderPatience.class);
  static final String FALLBACK_MODEL = "fallback_model";

  /** The model called now; {@code fallback} when it is the node's fallback for {@code primary}. */
  record Choice(String model, String primary, boolean fallback) {}

  /**
   * What a transient failure does to the task: wait ({@code retries} left, {@code waitMs}) or,
   * when {@code incident} is set, give up with {@code message}.
   */
  record Verdict(IncidentLog.Cause incident, int retries, long waitMs, String message) {
    boolean waits() {
      return incident == null;
    }
  }

  private final ModelCatalogue models;
  private final BatonProperties.Worker settings;
  private final MeterRegistry meters;
  private final Clock clock;

  ProviderPatience(ModelCatalogue models, BatonProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    this.models = models;
    this.settings = properties.worker();
    this.meters = meters.getIfAvailable();
    this.clock = Clock.systemUTC();
  }

  /**
   * The model to call now.
   *
   * @throws LlmException a refusal (transient, not the task's fault) when the circuit of every
   *     model the node may use is open: the task waits without calling or reserving anything
   */
  Choice choose(AgentCall call, LockedExternalTask task) {
    String primary = primaryOf(call);
    String fallback = fallbackOf(call, primary);
    Duration refused = models.refusedFor(primary);
    if (fallback != null) {
      boolean patienceOver = waited(task).compareTo(models.patience(primary)) >= 0;
      if (patienceOver || positive(refused)) {
        Duration fallbackRefused = models.refusedFor(fallback);
        if (!positive(fallbackRefused)) {
          String reason = patienceOver ? "patience_exhausted" : "circuit_open";
          log.info("Agent task {} of node '{}' in run {} calls its fallback model '{}' instead of "
              + "'{}' ({})", task.getId(), call.nodeId(), task.getProcessInstanceId(), fallback,
              primary, patienceOver ? "the primary's patience of " + models.patience(primary)
                  + " is used up" : "the primary's circuit breaker is open");
          if (meters != null) {
            Counter.builder("baton.llm.fallbacks").description("Calls sent to a fallback model")
                .tag("model", primary).tag("fallback", fallback).tag("reason", reason)
                .register(meters).increment();
          }
          return new Choice(fallback, primary, true);
        }
        refused = patienceOver ? fallbackRefused : min(refused, fallbackRefused);
      }
    }
    if (positive(refused)) {
      throw new LlmException(LlmException.Kind.TRANSIENT, "model '" + primary + "': circuit "
          + "breaker is open after repeated failures of this provider; it lets a probe through "
          + "in " + refused.toMillis() + " ms" + (fallback == null ? "" : " (so is the one of "
              + "fallback model '" + fallback + "')") + ". Check the provider's status", null,
          refused).blamed(LlmException.Blame.REFUSED);
    }
    return new Choice(primary, primary, false);
  }

  /** What a transient model failure does to the task (see the class comment). */
  Verdict judge(AgentCall call, LockedExternalTask task, LlmException failure) {
    Instant now = clock.instant();
    Instant since = ProviderWaits.since(task.getErrorMessage()).orElse(now);
    Duration waited = Duration.between(since, now);
    int current = task.getRetries() == null ? settings.retries() : task.getRetries();
    int retries = failure.spendsRetry() ? current - 1 : current;
    String primary = primaryOf(call);
    String fallback = fallbackOf(call, primary);
    Duration patience = models.patience(primary)
        .plus(fallback == null ? Duration.ZERO : models.patience(fallback));
    String message = failure.getMessage();
    if (failure.blame() == LlmException.Blame.REFUSED) {
      // the refusal is not the cause: the provider's failures that opened the circuit are
      String cause = models.lastFailure(primary);
      if (cause != null) {
        message += " (its last failure: " + cause + ")";
      }
    }
    if (retries <= 0) {
      return new Verdict(IncidentLog.Cause.RETRIES_EXHAUSTED, 0, 0, message
          + " - retries exhausted (" + settings.retries() + " failures of this task's own calls"
          + " while the provider looked healthy); fix the cause, then retry the run (Cockpit or "
          + "POST /api/workflows/runs/{id}/retry)");
    }
    if (waited.compareTo(patience) >= 0) {
      return new Verdict(IncidentLog.Cause.PATIENCE_EXHAUSTED, 0, 0, message
          + " - the provider has failed this task since " + since + " (" + human(waited)
          + "), longer than the patience of model '" + primary + "'"
          + (fallback == null ? "" : " and its fallback '" + fallback + "'") + " ("
          + human(patience) + ", baton.llm patience); fix the cause, then retry the run "
          + "(Cockpit or POST /api/workflows/runs/{id}/retry)");
    }
    Duration open = models.refusedFor(primary);
    if (fallback != null) {
      open = min(open, models.refusedFor(fallback));
    }
    long base = Math.max(settings.retryBackoff().toMillis(), open.toMillis());
    if (failure.retryAfter() != null) {
      base = Math.max(base, failure.retryAfter().toMillis());
    }
    long jitter = ThreadLocalRandom.current().nextLong(
        Math.max(1, settings.retryBackoff().toMillis()));
    // not much past the patience: the incident should come when the patience says
    long wait = Math.min(base + jitter, patience.minus(waited).toMillis() + jitter);
    return new Verdict(null, retries, Math.max(1, wait), ProviderWaits.message(since, message));
  }

  private String primaryOf(AgentCall call) {
    String model = call.config().path("model").asText("");
    return model.isBlank() ? models.defaultModel() : model;
  }

  private static String fallbackOf(AgentCall call, String primary) {
    String fallback = call.config().path(FALLBACK_MODEL).asText("");
    return fallback.isBlank() || fallback.equals(primary) ? null : fallback;
  }

  private Duration waited(LockedExternalTask task) {
    return ProviderWaits.since(task.getErrorMessage())
        .map(since -> Duration.between(since, clock.instant())).orElse(Duration.ZERO);
  }

  private static boolean positive(Duration d) {
    return !d.isZero() && !d.isNegative();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : d.toMillis() + " ms";
  }
}
