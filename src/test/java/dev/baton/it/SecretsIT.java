package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.llm.wire.WireReply;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A provider key is read from the environment and sent to the provider, and nowhere else: an
 * error whose body quotes the key (a 401, not retried; a 503, retried until the task's retries
 * are used up) leaves no trace of it in the incident, the node's output, the run's variables
 * and history, the ledger, resilience4j's event endpoints on the actuator or the log, while the
 * messages still say what failed (status, error type).
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfEnvironmentVariable(named = "BATON_WIRE_TEST_KEY", matches = ".+")
class SecretsIT extends WireIntegrationTest {

  private static final String KEY = System.getenv("BATON_WIRE_TEST_KEY");
  /** The resilience4j event endpoints: each keeps the last events of every instance. */
  private static final List<String> EVENT_ENDPOINTS = List.of("retryevents",
      "circuitbreakerevents", "ratelimiterevents", "bulkheadevents");

  @Autowired
  HistoryService history;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void refusedKeyLeavesNoTraceOfItAnywhere(CapturedOutput log) {
    ApiClient api = api();
    WIRE.otherwise("it-keyed", WireReply.unauthorizedEchoingKey());
    String run = api.startRun(ProvidersIT.deploy(api, "wire-keyed-flow", "wire-keyed", false,
        false), Map.of("task", "x"));
    JsonNode failed = api.awaitStatus(run, "failed");

    // the key went to the provider, as a bearer token
    assertThat(WIRE.requests("it-keyed").get(0).headers().get("Authorization"))
        .containsExactly("Bearer " + KEY);
    assertThat(failed.path("reason").asText()).contains("HTTP 401")
        .contains("BATON_WIRE_TEST_KEY").doesNotContain(KEY);
    assertNoTrace(api, run, failed, log);
    // the refusal is on the event endpoints (not retried, not counted by the breaker)
    assertThat(events(api, "retryevents", "model.wire-keyed")).isNotEmpty();
    assertThat(events(api, "circuitbreakerevents", "model.wire-keyed")).isNotEmpty();
  }

  @Test
  void failingProviderQuotingTheKeyIsRetriedAndShownWithoutIt(CapturedOutput log) {
    ApiClient api = api();
    WIRE.otherwise("it-keyed-outage", WireReply.errorEchoingKey(503));
    String run = api.startRun(ProvidersIT.deploy(api, "wire-keyed-outage-flow",
        "wire-keyed-outage", false, false), Map.of("task", "x"));
    JsonNode failed = api.awaitStatus(run, "failed");

    assertThat(WIRE.count("it-keyed-outage")).isGreaterThan(1);
    // still useful: the status and the provider's error type, with the key and header cut out
    assertThat(failed.path("reason").asText()).contains("HTTP 503").contains("api_error")
        .contains("[redacted]").doesNotContain(KEY);
    assertNoTrace(api, run, failed, log);
    List<JsonNode> retries = events(api, "retryevents", "model.wire-keyed-outage");
    assertThat(retries).extracting(e -> e.path("type").asText()).contains("RETRY");
    assertThat(retries.toString()).contains("HTTP 503");
    assertThat(events(api, "circuitbreakerevents", "model.wire-keyed-outage"))
        .extracting(e -> e.path("type").asText()).contains("ERROR");
  }

  private void assertNoTrace(ApiClient api, String run, JsonNode failed, CapturedOutput log) {
    assertThat(failed.toString()).doesNotContain(KEY);
    for (HistoricVariableInstance variable :
        history.createHistoricVariableInstanceQuery().processInstanceId(run).list()) {
      assertThat(String.valueOf(variable.getValue())).doesNotContain(KEY);
    }
    assertThat(history.createHistoricIncidentQuery().processInstanceId(run).list())
        .allSatisfy(incident -> assertThat(incident.getIncidentMessage()).doesNotContain(KEY));
    assertThat(history.createHistoricExternalTaskLogQuery().processInstanceId(run).list())
        .isNotEmpty().allSatisfy(entry -> {
          assertThat(String.valueOf(entry.getErrorMessage())).doesNotContain(KEY);
          assertThat(String.valueOf(history.getHistoricExternalTaskLogErrorDetails(
              entry.getId()))).doesNotContain(KEY);
        });
    assertThat(jdbc.queryForList("SELECT * FROM baton_cost_ledger WHERE run_id = ?", run)
        .toString()).doesNotContain(KEY);
    for (String endpoint : EVENT_ENDPOINTS) {
      var events = api.get("/actuator/" + endpoint);
      assertThat(events.status()).as(endpoint).isEqualTo(200);
      assertThat(events.body()).as(endpoint).doesNotContain(KEY);
    }
    assertThat(log.getAll()).doesNotContain(KEY);
  }

  /** The events of one resilience4j instance on an actuator event endpoint. */
  private static List<JsonNode> events(ApiClient api, String endpoint, String instance) {
    JsonNode all = api.get("/actuator/" + endpoint).json();
    String list = all.fieldNames().next();
    List<JsonNode> found = new java.util.ArrayList<>();
    all.path(list).forEach(event -> {
      // the application's JSON naming (snake_case) applies to the actuator too
      for (String name : List.of("retry_name", "circuit_breaker_name", "rate_limiter_name",
          "bulkhead_name", "retryName", "circuitBreakerName", "rateLimiterName",
          "bulkheadName")) {
        if (instance.equals(event.path(name).asText())) {
          found.add(event);
        }
      }
    });
    return found;
  }
}
