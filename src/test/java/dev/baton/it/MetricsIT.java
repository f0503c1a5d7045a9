package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Baton's own metrics after runs that complete, fail and wait for a human, with the labels the
 * seeds use, counted once the engine has committed them. Read through {@code
 * /actuator/metrics} (Spring Boot's tests export no Prometheus registry; the meters are the
 * ones {@code /actuator/prometheus} shows as {@code baton_runs_started_total} and so on).
 */
class MetricsIT extends IntegrationTest {

  @Test
  void runsTasksApprovalsAndTheBacklogAreMeasured() {
    ApiClient alice = api("alice", "alice");
    double startedBefore = measure("baton.runs.started", "workflow:diamond", "COUNT");
    String done = alice.startRun("diamond", Map.of("task", "metrics 1"));
    String failed = alice.startRun("diamond", Map.of("task", "metrics 2 [simulate:error:c]"));
    String gated = alice.startRun("release-approval", Map.of("task", "metrics 3"));
    alice.awaitEnd(done);
    alice.awaitStatus(failed, "failed");
    String gate = alice.awaitApproval(gated, "sign_off");
    assertThat(alice.post("/api/approvals/" + gate + "/reject",
        Map.of("justification", "not this week")).status()).isEqualTo(200);
    alice.awaitEnd(gated);

    assertThat(measure("baton.runs.started", "workflow:diamond", "COUNT"))
        .isGreaterThanOrEqualTo(startedBefore + 2);
    assertThat(measure("baton.runs.ended", "workflow:diamond", "COUNT")).isPositive();
    assertThat(measure("workflow.execution.duration", "workflow_type:diamond", "COUNT"))
        .isPositive();
    assertThat(measure("workflow.tasks.completed", "workflow_id:diamond", "COUNT"))
        .isGreaterThanOrEqualTo(4);
    JsonNode tasks = metric("workflow.tasks.completed", "workflow_id:diamond");
    assertThat(tasks.path("availableTags").findValuesAsText("tag")).contains("agent_type",
        "status");
    assertThat(measure("baton.agent.task.duration", "workflow_id:diamond", "COUNT")).isPositive();
    assertThat(measure("baton.approvals.decision.duration", "kind:gate", "COUNT")).isPositive();
    assertThat(measure("baton.runs.failed", "workflow:release-approval", "COUNT")).isPositive();
    // the failed diamond run holds an incident: the backlog says so
    assertThat(measure("baton.incidents.open", null, "VALUE")).isPositive();
    for (String gauge : new String[] {"baton.approvals.pending", "baton.agent.tasks.queued",
        "baton.agent.tasks.locked", "baton.jobs.due"}) {
      assertThat(metric(gauge, null).path("measurements")).as(gauge).isNotEmpty();
    }
    alice.post("/api/workflows/runs/" + failed + "/abort", Map.of("reason", "done"));
  }

  private JsonNode metric(String name, String tag) {
    var reply = api("bob", "bob").get("/actuator/metrics/" + name
        + (tag == null ? "" : "?tag=" + tag));
    assertThat(reply.status()).as(name + ": " + reply.body()).isEqualTo(200);
    return reply.json();
  }

  private double measure(String name, String tag, String statistic) {
    var reply = api("bob", "bob").get("/actuator/metrics/" + name
        + (tag == null ? "" : "?tag=" + tag));
    if (reply.status() == 404) {
      return 0; // not counted yet
    }
    for (JsonNode measurement : reply.json().path("measurements")) {
      if (statistic.equals(measurement.path("statistic").asText())) {
        return measurement.path("value").asDouble();
      }
    }
    return 0;
  }
}
