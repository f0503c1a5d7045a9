package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonProperties;
import dev.baton.llm.LlmException;
import dev.baton.llm.ModelCatalogue;
import dev.baton.llm.ProviderWaits;
import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * What a transient failure does to an agent task (wait with its retries, or an incident) and
 * which model it calls, decided from the task's state in the engine (retries, error message)
 * and the models' breakers as the catalogue reports them.
 */
class ProviderPatienceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A catalogue whose breakers and patience the test sets. */
  static final class Models implements ModelCatalogue {
    final Map<String, Duration> refused = new HashMap<>();
    final Map<String, Duration> patience = new HashMap<>();

    @Override
    public ChatModel model(String modelName) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String defaultModel() {
      return "main";
    }

    @Override
    public Duration refusedFor(String modelName) {
      return refused.getOrDefault(modelName, Duration.ZERO);
    }

    @Override
    public Duration patience(String modelName) {
      return patience.getOrDefault(modelName, Duration.ofMinutes(15));
    }

    @Override
    public String lastFailure(String modelName) {
      return "model '" + modelName + "': the provider failed (HTTP 503)";
    }
  }

  final Models models = new Models();
  final MeterRegistry meters = new SimpleMeterRegistry();
  final ProviderPatience patience = new ProviderPatience(models, new BatonProperties(Path.of("p"),
      Path.of("f"), Path.of("c"), new BatonProperties.Demo(false),
      new BatonProperties.Compiler("P30D"), new BatonProperties.Worker(true, 4,
          Duration.ofSeconds(60), 3, Duration.ofSeconds(2)), "default",
      new BatonProperties.Budget("hard_cap", java.math.BigDecimal.ONE, 80, List.of("log"))),
      new StaticListableBeanFactory(Map.of("meters", meters)).getBeanProvider(
          MeterRegistry.class));

  @Test
  void aRefusalWaitsUntilTheBreakerLetsProbesThroughWithoutSpendingARetry() {
    models.refused.put("main", Duration.ofSeconds(20));
    LlmException refused = catchRefusal(call(null), task(null, null));
    assertThat(refused.blame()).isEqualTo(LlmException.Blame.REFUSED);

    Instant before = Instant.now();
    ProviderPatience.Verdict verdict = patience.judge(call(null), task(null, null), refused);
    assertThat(verdict.waits()).isTrue();
    assertThat(verdict.retries()).isEqualTo(3);
    // the rest of the open time plus up to one retry-backoff of jitter
    assertThat(verdict.waitMs()).isBetween(20_000L, 22_000L);
    assertThat(ProviderWaits.since(verdict.message())).get()
        .satisfies(since -> assertThat(since).isBetween(before.minusMillis(1), Instant.now()));
    // the cause is the provider's failure behind the open circuit
    assertThat(ProviderWaits.cause(verdict.message())).contains("circuit breaker is open")
        .contains("HTTP 503");
  }

  @Test
  void theTasksOwnFailuresSpendItsRetriesAndTheThirdIsAnIncident() {
    LlmException own = new LlmException(LlmException.Kind.TRANSIENT, "model 'main': HTTP 500");
    ProviderPatience.Verdict first = patience.judge(call(null), task(null, null), own);
    assertThat(first.waits()).isTrue();
    assertThat(first.retries()).isEqualTo(2);
    ProviderPatience.Verdict third = patience.judge(call(null), task(1, first.message()), own);
    assertThat(third.waits()).isFalse();
    assertThat(third.incident()).isEqualTo(IncidentLog.Cause.RETRIES_EXHAUSTED);
    assertThat(third.message()).contains("HTTP 500").contains("retries exhausted")
        .contains("retry the run");
  }

  @Test
  void anOutageKeepsTheRetriesUntilThePatienceIsUsedUpThenIsAnIncidentWithTheCause() {
    LlmException outage = new LlmException(LlmException.Kind.TRANSIENT,
        "model 'main': the provider failed (HTTP 503)").blamed(LlmException.Blame.OUTAGE);
    String waiting = ProviderWaits.message(Instant.now().minus(Duration.ofMinutes(14)), "x");
    ProviderPatience.Verdict within = patience.judge(call(null), task(1, waiting), outage);
    assertThat(within.waits()).isTrue();
    assertThat(within.retries()).isEqualTo(1);
    // the wait does not reach much past the patience
    assertThat(within.waitMs()).isLessThanOrEqualTo(Duration.ofMinutes(1).toMillis());
    assertThat(ProviderWaits.since(within.message())).isEqualTo(ProviderWaits.since(waiting));

    String long_ = ProviderWaits.message(Instant.now().minus(Duration.ofMinutes(16)), "x");
    ProviderPatience.Verdict over = patience.judge(call(null), task(1, long_), outage);
    assertThat(over.incident()).isEqualTo(IncidentLog.Cause.PATIENCE_EXHAUSTED);
    assertThat(over.message()).contains("HTTP 503").contains("longer than the patience of "
        + "model 'main' (15 min 0 s").contains("retry the run");
    assertThat(ProviderWaits.since(over.message())).isEmpty();
  }

  @Test
  void theFallbackTakesOverOnAnOpenBreakerOrAfterThePatienceButNotWhenItIsOpenToo() {
    models.refused.put("main", Duration.ofSeconds(20));
    ProviderPatience.Choice choice = patience.choose(call("spare"), task(null, null));
    assertThat(choice).isEqualTo(new ProviderPatience.Choice("spare", "main", true));
    assertThat(meters.find("baton.llm.fallbacks").tag("reason", "circuit_open").counter())
        .isNotNull();

    models.refused.put("spare", Duration.ofSeconds(5));
    assertThat(catchRefusal(call("spare"), task(null, null)).retryAfter())
        .isEqualTo(Duration.ofSeconds(5));

    models.refused.clear();
    models.patience.put("main", Duration.ofMinutes(1));
    String waiting = ProviderWaits.message(Instant.now().minus(Duration.ofMinutes(2)), "x");
    assertThat(patience.choose(call("spare"), task(2, waiting)).fallback()).isTrue();
    assertThat(patience.choose(call("spare"), task(null, null)).fallback()).isFalse();
  }

  @Test
  void aWaitingTasksMessageRoundTrips() {
    Instant since = Instant.parse("2026-12-02T13:37:08.771Z");
    String message = ProviderWaits.message(since, "model 'm': it broke: badly");
    assertThat(message).isEqualTo("waiting for the provider since 2026-12-02T13:37:08.771Z: "
        + "model 'm': it broke: badly");
    assertThat(ProviderWaits.since(message)).contains(since);
    assertThat(ProviderWaits.cause(message)).isEqualTo("model 'm': it broke: badly");
    assertThat(ProviderWaits.since("model 'm': retries exhausted")).isEmpty();
    assertThat(ProviderWaits.since(null)).isEmpty();
    assertThat(ProviderWaits.since("waiting for the provider since yesterday: x")).isEmpty();
  }

  private LlmException catchRefusal(AgentCall call, LockedExternalTask task) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(() -> patience.choose(call, task)).isInstanceOfSatisfying(
        LlmException.class, e -> thrown[0] = e);
    return (LlmException) thrown[0];
  }

  private static AgentCall call(String fallback) {
    ObjectNode config = JSON.createObjectNode().put("model", "main");
    if (fallback != null) {
      config.put("fallback_model", fallback);
    }
    return new AgentCall("n", "n", "builder", config, List.of(), false, false, null, Map.of(),
        List.of());
  }

  /** A locked task with the engine's retries and error message. */
  private static LockedExternalTask task(Integer retries, String errorMessage) {
    return (LockedExternalTask) Proxy.newProxyInstance(
        ProviderPatienceTest.class.getClassLoader(), new Class<?>[] {LockedExternalTask.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getRetries" -> retries;
          case "getErrorMessage" -> errorMessage;
          case "getId" -> "task-1";
          case "getProcessInstanceId" -> "run-1";
          case "toString" -> "task";
          default -> null;
        });
  }
}
