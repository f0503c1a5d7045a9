package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator sees of runs with a gate, a failure, a budget alert and a budget refusal:
 * the run's trace in a local OTLP/HTTP receiver (REST start, engine nodes, the worker's agent
 * task and model calls, with their attributes), its trace id on the run's status, the metrics
 * on /actuator/prometheus (every one the shipped alert rules and dashboard query), and one
 * structured log line per event with run, node, tenant and trace ids.
 */
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OtlpReceiver OTLP = new OtlpReceiver();

  /**
   * Meters that only appear after events these runs do not cause: a model circuit breaker
   * (the simulated model has none) changing state.
   */
  private static final Set<String> NOT_CAUSED_HERE = Set.of(
      "baton_llm_breaker_transitions_total", "resilience4j_circuitbreaker_state", "up");

  @DynamicPropertySource
  static void tracing(DynamicPropertyRegistry registry) {
    registry.add("management.otlp.tracing.endpoint", OTLP::endpoint);
    registry.add("management.tracing.sampling.probability", () -> "1.0");
    registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "200ms");
    // a run's first check (~$0.00102 of $0.0024) is past the threshold: the run alerts
    registry.add("baton.budget.alert-threshold-percent", () -> "40");
  }

  @Test
  void aRunIsTracedMeasuredAndLogged(CapturedOutput output) {
    ApiClient alice = api("alice", "alice");
    deploy("obs-gated", 0.0024, true);
    deploy("obs-broke", 1.0, false);
    // a daily limit below one check's estimate: the budget refuses the run's first task
    Map<String, Object> limit = new java.util.HashMap<>(Map.of("name", "obs daily",
        "workflow_id", "obs-broke", "daily_usd", 0.0001, "hard_cap", true));
    assertThat(api().post("/api/budgets", limit).status()).isEqualTo(201);
    String run = alice.startRun("obs-gated", Map.of("task", "observe [simulate:error:finish]"));
    String gate = alice.awaitApproval(run, "sign_off");
    assertThat(alice.post("/api/approvals/" + gate + "/approve",
        Map.of("justification", "traced")).status()).isEqualTo(200);
    JsonNode failed = alice.awaitStatus(run, "failed");
    String refused = alice.startRun("obs-broke", Map.of("task", "too expensive"));
    alice.awaitEnd(refused);

    // the trace id is on the run's status
    String traceId = failed.path("trace_id").asText();
    assertThat(traceId).as(failed.toPrettyString()).matches("[0-9a-f]{32}");

    // the trace: REST start, run start, every node, the worker's tasks and model calls
    List<OtlpReceiver.ReceivedSpan> spans = Awaitility.await()
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> OTLP.trace(traceId), found -> names(found).containsAll(List.of(
            "baton.run.start", "baton.agent_task draft", "baton.agent_task finish",
            "baton.node draft", "baton.node sign_off")));
    assertThat(spans).anySatisfy(span -> assertThat(span.name()).startsWith("http post"));
    OtlpReceiver.ReceivedSpan start = only(spans, "baton.run.start");
    assertThat(start.attributes()).containsEntry("baton.run.id", run)
        .containsEntry("baton.workflow", "obs-gated");
    OtlpReceiver.ReceivedSpan task = only(spans, "baton.agent_task draft");
    assertThat(task.parentSpanId()).isEqualTo(start.spanId());
    assertThat(task.attributes()).containsEntry("baton.node.id", "draft")
        .containsEntry("baton.attempt", 1L).containsKey("baton.agent_type");
    OtlpReceiver.ReceivedSpan call = spans.stream()
        .filter(s -> s.name().startsWith("baton.llm.call ")
            && s.parentSpanId().equals(task.spanId())).findFirst().orElseThrow(() ->
                new AssertionError("no model call under the agent task: " + names(spans)));
    assertThat(call.attributes()).containsKeys("baton.model", "baton.tokens.input",
        "baton.tokens.output", "baton.cost_usd", "baton.attempt");
    assertThat((Long) call.attributes().get("baton.tokens.input")).isPositive();
    assertThat(call.endNanos()).isGreaterThanOrEqualTo(call.startNanos());
    OtlpReceiver.ReceivedSpan gateSpan = only(spans, "baton.node sign_off");
    assertThat(gateSpan.parentSpanId()).isEqualTo(start.spanId());
    assertThat(gateSpan.attributes()).containsEntry("baton.node.type", "userTask");

    // the run and its trace id in the command line's runs list and run status
    String listed = cli("runs", "list", "--workflow", "obs-gated", "--status", "failed");
    assertThat(listed).contains(run).contains(traceId).contains("TRACE");
    assertThat(cli("runs", "show", run)).contains("trace " + traceId);

    // the trace id leads back to its run: the API and `baton traces show`
    JsonNode trace = alice.get("/api/traces/" + traceId).json();
    assertThat(trace.path("trace_id").asText()).isEqualTo(traceId);
    assertThat(trace.path("runs")).as(trace.toPrettyString()).hasSize(1);
    assertThat(trace.path("runs").get(0).path("id").asText()).isEqualTo(run);
    assertThat(trace.path("runs").get(0).path("nodes").findValuesAsText("id"))
        .contains("draft", "sign_off", "finish");
    assertThat(cli("traces", "show", traceId)).contains("run " + run).contains("obs-gated")
        .containsPattern("sign_off +approval_gate").contains("TOOK");
    assertThat(cli("traces", "show", traceId, "--format", "json"))
        .contains("\"trace_id\" : \"" + traceId + "\"").contains(run);
    // not a trace id: 400; a trace no run has, or a run of another tenant: 404
    assertThat(alice.get("/api/traces/not-a-trace").status()).isEqualTo(400);
    assertThat(alice.get("/api/traces/0123456789abcdef0123456789abcdef").status())
        .isEqualTo(404);
    assertThat(api("zoe", "zoe").get("/api/traces/" + traceId).status()).isEqualTo(404);

    // the metrics, with their labels, and every metric the ops kit queries
    String scrape = api("bob", "bob").get("/actuator/prometheus").body();
    assertThat(scrape).contains("baton_runs_started_total{workflow=\"obs-gated\"")
        .contains("baton_budget_alerts_total{").contains("baton_budget_refusals_total{")
        .contains("baton_cost_usd_total{").contains("workflow=\"obs-gated\"")
        .contains("baton_incidents_total{");
    Set<String> exported = Arrays.stream(scrape.split("\n"))
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    Set<String> queried = assertDoesNotThrow(OpsKit::allMetrics);
    queried.removeAll(NOT_CAUSED_HERE);
    assertThat(exported).as("metrics of the alert rules and the dashboard")
        .containsAll(queried);

    // one structured line per event, with the run's ids
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String log = output.getAll();
      assertThat(line(log, "event=run.started run=" + run)).contains("trace=" + traceId)
          .contains("workflow=obs-gated").contains("tenant=");
      assertThat(line(log, "event=approval.decided run=" + run)).contains("node=sign_off")
          .contains("decision=approve").contains("decided_by=alice")
          .contains("trace=" + traceId);
      assertThat(line(log, "event=node.failed run=" + run)).contains("node=finish")
          .contains("trace=" + traceId);
      assertThat(line(log, "event=incident.created run=" + run)).contains("node=finish");
      assertThat(line(log, "event=budget.alert run=" + run)).contains("workflow=obs-gated");
      assertThat(line(log, "event=budget.refused run=" + refused)).contains("reason=");
      assertThat(line(log, "event=run.ended run=" + refused)).contains("duration_ms=");
      assertThat(log).containsPattern("event=workflow\\.deployed .*source=baton-api .*"
          + "workflows=obs-gated:1");
    });
    // the worker's lines name the trace (Micrometer Tracing's log correlation)
    assertThat(output.getAll()).contains(traceId.substring(0, 16));
    alice.post("/api/workflows/runs/" + run + "/abort", Map.of("reason", "done"));
  }

  /** {@code baton <args>} as alice; exit code 1 is fine (the run shown failed). */
  private String cli(String... args) {
    CliResult result = runCli("alice", args);
    assertThat(result.code()).as(result.out() + result.err()).isIn(0, 1);
    return result.out() + result.err();
  }

  /** agent (budget alert) -> gate -> agent (fails when the input says so). */
  private void deploy(String slug, double budgetUsd, boolean gated) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", slug).put("budget_usd", budgetUsd);
    ArrayNode nodes = spec.putArray("nodes");
    nodes.addObject().put("id", "draft").put("type", "agent_task").put("agent_type", "builder")
        .putObject("config").put("max_tokens", 16);
    String last = "draft";
    if (gated) {
      ObjectNode gate = nodes.addObject().put("id", "sign_off").put("type", "approval_gate");
      gate.putArray("dependencies").add("draft");
      gate.putObject("config").putArray("required_role").add("TenantAdmin");
      last = "sign_off";
    }
    ObjectNode finish = nodes.addObject().put("id", "finish").put("type", "agent_task")
        .put("agent_type", "builder");
    finish.putArray("dependencies").add(last);
    finish.putObject("config").put("max_tokens", 16);
    var created = api().post("/api/workflows", Map.of("slug", slug, "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static Set<String> names(List<OtlpReceiver.ReceivedSpan> spans) {
    return spans.stream().map(OtlpReceiver.ReceivedSpan::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static OtlpReceiver.ReceivedSpan only(List<OtlpReceiver.ReceivedSpan> spans,
      String name) {
    List<OtlpReceiver.ReceivedSpan> found = spans.stream().filter(s -> s.name().equals(name))
        .toList();
    assertThat(found).as(name + " in " + names(spans)).hasSize(1);
    return found.get(0);
  }

  private static String line(String log, String start) {
    return Arrays.stream(log.split("\n")).filter(l -> l.contains(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no log line with '" + start + "'"));
  }

  private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
