package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs through the REST API: the seed example, joins, failure routes, abort and retry. */
class RunLifecycleIT extends IntegrationTest {

  private static final Map<String, String> TASK = Map.of("task", "Build a todo app");

  @Test
  void seedExampleRunsPlanApprovalImplementToCompletion() {
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", TASK);
    String approval = api.awaitApproval(run, "approval_gate");
    assertThat(api.run(run).path("status").asText()).isEqualTo("waiting_approval");

    var decided = api.post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "plan is sound"));
    assertThat(decided.status()).isEqualTo(200);

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("started_by").asText()).isEqualTo("demo");
    assertThat(node(done, "plan").path("status").asText()).isEqualTo("completed");
    assertThat(node(done, "plan").at("/output/output/summary").asText()).isNotBlank();
    assertThat(node(done, "approval_gate").at("/output/decision").asText()).isEqualTo("approve");
    assertThat(node(done, "approval_gate").at("/output/decided_by").asText()).isEqualTo("demo");
    assertThat(node(done, "approval_gate").at("/output/comment").asText())
        .isEqualTo("plan is sound");
    assertThat(node(done, "implement").path("status").asText()).isEqualTo("completed");
    assertThat(node(done, "implement").at("/output/usage/output_tokens").asInt()).isPositive();
  }

  @Test
  void rejectedApprovalFailsTheRunWithTheReason() {
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", TASK);
    String approval = api.awaitApproval(run, "approval_gate");

    api.post("/api/approvals/" + approval + "/reject", Map.of("reason", "scope too big"));

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("failed");
    assertThat(done.path("failed_node").asText()).isEqualTo("approval_gate");
    assertThat(done.path("reason").asText())
        .isEqualTo("rejected at 'Review Plan' by demo: scope too big");
    assertThat(node(done, "approval_gate").path("status").asText()).isEqualTo("rejected");
    assertThat(node(done, "implement").path("status").asText()).isEqualTo("skipped");
  }

  @Test
  void diamondRunsBothBranchesAtTheSameTimeAndJoinsThem() {
    ApiClient api = api();
    JsonNode done = api.awaitEnd(api.startRun("diamond", TASK));

    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode b = node(done, "b");
    JsonNode c = node(done, "c");
    // B and C overlap in time: each started before the other ended
    assertThat(time(b, "started_at")).isBefore(time(c, "ended_at"));
    assertThat(time(c, "started_at")).isBefore(time(b, "ended_at"));
    JsonNode e = node(done, "e");
    assertThat(time(e, "started_at")).isAfter(time(c, "ended_at"));
    assertThat(time(e, "started_at")).isAfter(time(node(done, "d"), "ended_at"));
  }

  @Test
  void failureEdgeRoutesAFailedAgentInsteadOfRaisingAnIncident() {
    ApiClient api = api();
    String run = api.startRun("guarded-release",
        Map.of("task", "release 2.0 [simulate:error:build]"));

    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(node(done, "build").path("status").asText()).isEqualTo("failed");
    assertThat(node(done, "build").path("error").asText()).contains("simulated model refused");
    assertThat(node(done, "notify_failure").path("status").asText()).isEqualTo("completed");
    assertThat(node(done, "qa").path("status").asText()).isEqualTo("skipped");
  }

  @Test
  void failingAgentWithoutFailureEdgeRaisesAnIncidentThatRetryResolves() {
    ApiClient api = api();
    String run = api.startRun("diamond", Map.of("task", "x [simulate:error:c]"));

    JsonNode failed = api.awaitStatus(run, "failed");
    assertThat(failed.path("failed_node").asText()).isEqualTo("c");
    assertThat(failed.path("reason").asText()).contains("simulated model refused")
        .contains("retry the run");
    assertThat(node(failed, "c").path("status").asText()).isEqualTo("failed");

    var retried = api.post("/api/workflows/runs/" + run + "/retry", Map.of());
    assertThat(retried.status()).isEqualTo(200);
    // the cause (the input) is unchanged, so the retried task fails again: a new incident
    JsonNode again = api.awaitStatus(run, "failed");
    assertThat(again.path("reason").asText()).contains("simulated model refused");
  }

  @Test
  void retryOfARejectedRunRestartsAtTheGateKeepingEarlierOutputs() {
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", TASK);
    api.post("/api/approvals/" + api.awaitApproval(run, "approval_gate") + "/reject",
        Map.of("reason", "not yet"));
    JsonNode rejected = api.awaitEnd(run);
    String planSummary = node(rejected, "plan").at("/output/output/summary").asText();

    var retry = api.post("/api/workflows/runs/" + run + "/retry", Map.of());
    assertThat(retry.status()).isEqualTo(200);
    String second = retry.json().path("id").asText();
    assertThat(second).isNotEqualTo(run);
    assertThat(retry.json().path("retried_from").asText()).isEqualTo(run);

    api.post("/api/approvals/" + api.awaitApproval(second, "approval_gate") + "/approve",
        Map.of("justification", "now ok"));
    JsonNode done = api.awaitEnd(second);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(node(done, "plan").at("/output/output/summary").asText()).isEqualTo(planSummary);
    assertThat(node(done, "plan").path("visits").asInt()).isZero();
  }

  @Test
  void abortEndsARunAndASecondAbortConflicts() {
    ApiClient api = api();
    String run = api.startRun("full-development-cycle", TASK);
    api.awaitApproval(run, "approval_gate");

    var aborted = api.post("/api/workflows/runs/" + run + "/abort", Map.of("reason", "wrong repo"));
    assertThat(aborted.status()).isEqualTo(200);
    assertThat(aborted.json().path("status").asText()).isEqualTo("aborted");
    assertThat(aborted.json().path("reason").asText()).isEqualTo("aborted by demo: wrong repo");

    var again = api.post("/api/workflows/runs/" + run + "/abort", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
  }

  static JsonNode node(JsonNode run, String id) {
    for (JsonNode n : run.path("nodes")) {
      if (id.equals(n.path("id").asText())) {
        return n;
      }
    }
    throw new AssertionError("run has no node " + id + ": " + run.toPrettyString());
  }

  private static Instant time(JsonNode node, String field) {
    assertThat(node.hasNonNull(field)).as(node + " has " + field).isTrue();
    return Instant.parse(node.get(field).asText());
  }
}
