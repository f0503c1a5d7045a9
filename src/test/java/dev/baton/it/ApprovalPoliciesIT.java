package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Approval policies through the REST API, on the sample 'release-approval' (TenantAdmin, two
 * persons, justification required, request changes): every refusal with its status and
 * message, and the audit trail in the run status.
 */
class ApprovalPoliciesIT extends IntegrationTest {

  private static final Map<String, String> INPUT = Map.of("task", "release 4.2");

  private static String approve(String id) {
    return "/api/approvals/" + id + "/approve";
  }

  @Test
  void everyRefusalHasItsStatusAndTwoDistinctApproversFinishTheGate() {
    ApiClient demo = api();
    String run = demo.startRun("release-approval", INPUT);
    String first = demo.awaitApproval(run, "sign_off");

    JsonNode pending = api("alice", "alice").get("/api/approvals/pending").json();
    JsonNode item = find(pending, first);
    assertThat(item.path("gate_name").asText()).isEqualTo("Sign off the release");
    assertThat(item.path("escalation_level").asInt()).isZero();
    assertThat(item.hasNonNull("due_at")).as("due date from timeout_hours").isTrue();

    var outsider = api("carol", "carol").post(approve(first), Map.of("justification", "x"));
    assertThat(outsider.status()).isEqualTo(403);
    assertThat(outsider.json().path("detail").asText()).contains("group 'TenantAdmin'");

    var starter = demo.post(approve(first), Map.of("justification", "my release"));
    assertThat(starter.status()).isEqualTo(409);
    assertThat(starter.json().path("detail").asText())
        .contains("two-person rule: demo started this run and cannot approve");

    var bare = api("alice", "alice").post(approve(first), Map.of());
    assertThat(bare.status()).isEqualTo(422);
    assertThat(bare.json().path("detail").asText()).contains("needs a justification");

    assertThat(api("alice", "alice").post(approve(first),
        Map.of("justification", "plan covers rollback")).status()).isEqualTo(200);
    var decided = api("bob", "bob").post(approve(first), Map.of("justification", "late"));
    assertThat(decided.status()).isEqualTo(409);
    assertThat(decided.json().path("detail").asText()).contains("already been decided");

    String second = demo.awaitApproval(run, "sign_off");
    assertThat(second).isNotEqualTo(first);
    var again = api("alice", "alice").post(approve(second), Map.of("justification", "still ok"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("detail").asText())
        .contains("two-person rule: alice has already approved");

    assertThat(api("bob", "bob").post(approve(second),
        Map.of("justification", "second pair of eyes")).status()).isEqualTo(200);
    JsonNode done = demo.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode audit = RunLifecycleIT.node(done, "sign_off").path("audit");
    assertThat(audit.findValuesAsText("decided_by")).containsExactly("alice", "bob");
    assertThat(audit.findValuesAsText("outcome")).containsExactly("pending", "approved");
    assertThat(audit.findValuesAsText("comment"))
        .containsExactly("plan covers rollback", "second pair of eyes");
  }

  @Test
  void requestChangesSendsThePlanBackWithTheComment() {
    ApiClient demo = api();
    String run = demo.startRun("release-approval", INPUT);
    String approval = demo.awaitApproval(run, "sign_off");

    var missing = api("alice", "alice").post("/api/approvals/" + approval + "/request-changes",
        Map.of());
    assertThat(missing.status()).isEqualTo(422);

    var changes = api("alice", "alice").post("/api/approvals/" + approval + "/request-changes",
        Map.of("comment", "add a canary stage"));
    assertThat(changes.status()).isEqualTo(200);

    String next = demo.awaitApproval(run, "sign_off");
    JsonNode status = demo.run(run);
    assertThat(RunLifecycleIT.node(status, "release_plan").path("visits").asInt()).isEqualTo(2);
    assertThat(RunLifecycleIT.node(status, "sign_off").path("audit").findValuesAsText("outcome"))
        .containsExactly("changes_requested");
    assertThat(next).isNotEqualTo(approval);

    demo.post("/api/approvals/" + next + "/reject", Map.of("reason", "not this week"));
    JsonNode done = demo.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("failed");
    assertThat(done.path("reason").asText())
        .isEqualTo("rejected at 'Sign off the release' by demo: not this week");
  }

  private static JsonNode find(JsonNode pending, String id) {
    for (JsonNode p : pending) {
      if (id.equals(p.path("id").asText())) {
        return p;
      }
    }
    throw new AssertionError("approval " + id + " not pending: " + pending);
  }
}
