package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.llm.wire.WireReply;
import dev.baton.llm.wire.WireReply.WireUsage;
import dev.baton.llm.wire.WireServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Baton runs whose agents call langchain4j's real OpenAI and Anthropic clients against the
 * local wire server: each provider outcome ends as seed 000 says (completed, retried, BPMN
 * error along the failure edge, incident with a message saying what to do), usage and cost
 * reach the ledger exactly, and the resilience instances are on the actuator.
 */
class ProvidersIT extends WireIntegrationTest {

  /** One agent node on the model; with a failure edge, a failure goes to 'handle_failure'. */
  static Map<String, Object> spec(String name, String model, boolean failureEdge,
      boolean structured) {
    Map<String, Object> config = structured
        ? Map.of("model", model, "output_format", "structured") : Map.of("model", model);
    List<Object> nodes = new ArrayList<>(List.of(
        Map.of("id", "call", "type", "agent_task", "agent_type", "builder", "config", config),
        Map.of("id", "after", "type", "agent_task", "agent_type", "docs",
            "dependencies", List.of("call"))));
    List<Object> edges = new ArrayList<>();
    if (failureEdge) {
      nodes.add(Map.of("id", "handle_failure", "type", "agent_task",
          "agent_type", "integration"));
      edges.add(Map.of("from", "call", "to", "handle_failure", "condition", "failure"));
    }
    return Map.of("metadata", Map.of("name", name, "version", "1.0.0"), "nodes", nodes,
        "edges", edges);
  }

  static String deploy(ApiClient api, String slug, String model, boolean failureEdge,
      boolean structured) {
    var created = api.post("/api/workflows",
        Map.of("slug", slug, "spec", spec(slug, model, failureEdge, structured)));
    assertThat(created.status()).as(created.body()).isIn(200, 201);
    return slug;
  }

  @Test
  void openAiReplyCompletesTheNodeWithUsageAndExactCost() {
    ApiClient api = api();
    WIRE.script("it-ok", WireReply.text("the plan", new WireUsage(1200, 300, 1000, 100)));
    String run = api.startRun(deploy(api, "wire-ok-flow", "wire-ok", false, false),
        Map.of("task", "plan it"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode output = RunLifecycleIT.node(done, "call").path("output");
    assertThat(output.path("output").asText()).isEqualTo("the plan");
    assertThat(output.path("model").asText()).isEqualTo("wire-ok");
    assertThat(output.path("provider_model").asText()).isEqualTo("it-ok-2026-01-01");
    assertThat(output.at("/usage/input_tokens").asLong()).isEqualTo(1200);
    assertThat(output.at("/usage/output_tokens").asLong()).isEqualTo(300);
    assertThat(output.at("/usage/cached_tokens").asLong()).isEqualTo(1000);
    assertThat(output.at("/usage/reasoning_tokens").asLong()).isEqualTo(100);
    // 200 uncached x 0.002 + 1000 cached x 0.001 + 300 output x 0.008, per 1,000
    BigDecimal expected = new BigDecimal("0.0038");
    assertThat(output.path("cost_usd").decimalValue()).isEqualByComparingTo(expected);

    JsonNode entries = api.get("/api/workflows/runs/" + run + "/cost").json().path("entries");
    JsonNode entry = null;
    for (JsonNode e : entries) {
      if ("call".equals(e.path("node_id").asText())) {
        assertThat(entry).as("one ledger entry for the call").isNull();
        entry = e;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.path("model").asText()).isEqualTo("wire-ok");
    assertThat(entry.at("/tokens/cached").asLong()).isEqualTo(1000);
    assertThat(entry.at("/tokens/reasoning").asLong()).isEqualTo(100);
    assertThat(entry.path("cost_usd").decimalValue()).isEqualByComparingTo(expected);
    // the prompt reached the provider
    assertThat(WIRE.requests("it-ok").get(0).body().path("messages").toString())
        .contains("plan it");
  }

  @Test
  void anthropicReplyCompletesTheNode() {
    ApiClient api = api();
    WIRE.script("it-anthropic-ok", WireReply.text("claude says", new WireUsage(500, 50, 400, 0)));
    String run = api.startRun(deploy(api, "wire-anthropic-flow", "wire-anthropic-ok", false,
        false), Map.of("task", "summarise"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode output = RunLifecycleIT.node(done, "call").path("output");
    assertThat(output.path("output").asText()).isEqualTo("claude says");
    assertThat(output.at("/usage/input_tokens").asLong()).isEqualTo(500);
    assertThat(output.at("/usage/cached_tokens").asLong()).isEqualTo(400);
  }

  @Test
  void rateLimitedCallIsRetriedNoSoonerThanRetryAfter() {
    ApiClient api = api();
    WIRE.script("it-429", WireReply.error(429, "2"), WireReply.text("after waiting"));
    String run = api.startRun(deploy(api, "wire-429-flow", "wire-429", false, false),
        Map.of("task", "x"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    List<WireServer.Received> requests = WIRE.requests("it-429");
    assertThat(requests).hasSize(2);
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void slowReplyPastTheTimeoutIsRetriedAndCompletes() {
    ApiClient api = api();
    WIRE.script("it-timeout", WireReply.text("late").after(Duration.ofSeconds(2)),
        WireReply.text("in time"));
    String run = api.startRun(deploy(api, "wire-timeout-flow", "wire-timeout", false, false),
        Map.of("task", "x"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "call").at("/output/output").asText())
        .isEqualTo("in time");
    assertThat(WIRE.count("it-timeout")).isEqualTo(2);
  }

  @Test
  void providerOutageIsWaitedOutUntilThePatienceThenAnIncidentSaysWhatToDo() {
    ApiClient api = api();
    WIRE.otherwise("it-500", WireReply.error(500));
    String run = api.startRun(deploy(api, "wire-500-flow", "wire-500", false, false),
        Map.of("task", "x"));
    JsonNode failed = api.awaitStatus(run, "failed");

    assertThat(failed.path("failed_node").asText()).isEqualTo("call");
    // a provider failing every call (too few calls for the breaker to call it healthy) is an
    // outage: the task's retries are kept, and the incident comes with the patience (2 s here)
    assertThat(failed.path("reason").asText())
        .contains("model 'wire-500'").contains("HTTP 500")
        .contains("longer than the patience").contains("retry the run");
    // in-call attempts (2) on every external attempt the patience allowed
    assertThat(WIRE.count("it-500")).isGreaterThan(2).isEven();
    assertThat(RunLifecycleIT.node(failed, "after").path("status").asText())
        .isNotEqualTo("completed");
  }

  @Test
  void circuitOpensOnOutageAndTheIncidentSaysSo() {
    ApiClient api = api();
    WIRE.otherwise("it-outage", WireReply.error(503));
    String run = api.startRun(deploy(api, "wire-outage-flow", "wire-outage", false, false),
        Map.of("task", "x"));
    JsonNode failed = api.awaitStatus(run, "failed");

    // the first attempt's two calls opened the breaker; later attempts never reached the server
    // (they waited without spending the task's retries), and the incident names the cause
    assertThat(WIRE.count("it-outage")).isEqualTo(2);
    assertThat(failed.path("reason").asText()).contains("circuit breaker is open")
        .contains("HTTP 503").contains("longer than the patience");
    assertThat(api.get("/actuator/circuitbreakers").json().toString())
        .contains("\"model.wire-outage\"").contains("OPEN");
  }

  @Test
  void refusalIsThePolicyClassAndFollowsTheFailureEdge() {
    ApiClient api = api();
    WIRE.otherwise("it-policy", WireReply.refusal("I can't help with that"));
    String run = api.startRun(deploy(api, "wire-policy-edge", "wire-policy", true, false),
        Map.of("task", "x"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "call").path("error").asText())
        .contains("content filter");
    assertThat(RunLifecycleIT.node(done, "handle_failure").path("status").asText())
        .isEqualTo("completed");
    assertThat(WIRE.count("it-policy")).isEqualTo(1);
  }

  @Test
  void refusedKeyFollowsTheFailureEdgeAsABpmnError() {
    ApiClient api = api();
    WIRE.otherwise("it-401", WireReply.unauthorizedEchoingKey());
    String run = api.startRun(deploy(api, "wire-401-edge", "wire-401", true, false),
        Map.of("task", "x"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "call").path("status").asText()).isEqualTo("failed");
    assertThat(RunLifecycleIT.node(done, "call").path("error").asText())
        .contains("HTTP 401").contains("refused the API key");
    assertThat(RunLifecycleIT.node(done, "handle_failure").path("status").asText())
        .isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "after").path("status").asText()).isEqualTo("skipped");
    // permanent: asked once
    assertThat(WIRE.count("it-401")).isEqualTo(1);
  }

  @Test
  void refusedKeyWithoutFailureEdgeIsAnIncidentAtOnce() {
    ApiClient api = api();
    WIRE.otherwise("it-401-anthropic", WireReply.unauthorizedEchoingKey());
    String run = api.startRun(deploy(api, "wire-401-incident", "wire-401-anthropic", false,
        false), Map.of("task", "x"));
    JsonNode failed = api.awaitStatus(run, "failed");

    assertThat(failed.path("reason").asText()).contains("HTTP 401")
        .contains("not retried: this failure is permanent");
    assertThat(WIRE.count("it-401-anthropic")).isEqualTo(1);
  }

  @Test
  void malformedReplyIsAPermanentFailureAlongTheFailureEdge() {
    ApiClient api = api();
    WIRE.otherwise("it-malformed", WireReply.malformed());
    String run = api.startRun(deploy(api, "wire-malformed-edge", "wire-malformed", true, false),
        Map.of("task", "x"));
    JsonNode done = api.awaitEnd(run);

    assertThat(RunLifecycleIT.node(done, "call").path("error").asText())
        .contains("not valid JSON");
    assertThat(RunLifecycleIT.node(done, "handle_failure").path("status").asText())
        .isEqualTo("completed");
    assertThat(WIRE.count("it-malformed")).isEqualTo(1);
  }

  @Test
  void structuredOutputIsReaskedAndStoredAsJson() {
    ApiClient api = api();
    WIRE.script("it-json", WireReply.text("Here you go: passed"),
        WireReply.text("{\"passed\": true, \"coverage\": 0.93}"));
    String run = api.startRun(deploy(api, "wire-json-flow", "wire-json", false, true),
        Map.of("task", "x"));
    JsonNode done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode output = RunLifecycleIT.node(done, "call").path("output");
    assertThat(output.at("/output/coverage").asDouble()).isEqualTo(0.93);
    assertThat(output.at("/usage/model_calls").asInt()).isEqualTo(2);
    // both calls are in the ledger
    long calls = 0;
    for (JsonNode e : api.get("/api/workflows/runs/" + run + "/cost").json().path("entries")) {
      if ("call".equals(e.path("node_id").asText())) {
        calls++;
      }
    }
    assertThat(calls).isEqualTo(2);
  }

  @Test
  void unknownModelIsRefusedAtDeployWithItsPath() {
    var refused = api().post("/api/workflows", Map.of("slug", "wire-unknown-model",
        "spec", spec("wire-unknown-model", "gpt-nine", true, false)));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("$.nodes[0].config.model")
        .contains("unknown model 'gpt-nine'").contains("wire-ok").contains("baton.llm.models");
  }

  @Test
  void resilienceInstancesAreOnTheActuator() {
    ApiClient api = api();
    WIRE.script("it-ok", WireReply.text("warm"));
    api.awaitEnd(api.startRun(deploy(api, "wire-ok-actuator", "wire-ok", false, false),
        Map.of("task", "x")));

    assertThat(api.get("/actuator/circuitbreakers").json().toString())
        .contains("\"model.wire-ok\"").contains("CLOSED");
    assertThat(api.get("/actuator/retries").json().toString()).contains("model.wire-ok");
    assertThat(api.get("/actuator/ratelimiters").json().toString())
        .contains("provider.wire-openai.requests-per-minute");
    assertThat(api.get("/actuator/bulkheads").json().toString())
        .contains("provider.wire-openai");
    assertThat(api.get("/actuator/metrics/resilience4j.circuitbreaker.calls").status())
        .isEqualTo(200);
    // Baton's own meters: calls and tokens per catalogue model
    JsonNode output = api.get(
        "/actuator/metrics/baton.llm.tokens?tag=model:wire-ok&tag=type:output").json();
    assertThat(output.at("/measurements/0/value").asDouble()).isPositive();
    assertThat(api.get("/actuator/metrics/baton.llm.calls?tag=model:wire-ok&tag=outcome:success")
        .json().at("/measurements/0/value").asDouble()).isPositive();
  }
}
