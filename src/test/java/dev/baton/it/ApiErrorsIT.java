package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mistakes get a clear problem+json reply with the right status; nothing is a 500. */
class ApiErrorsIT extends IntegrationTest {

  @Test
  void invalidSpecListsEveryErrorWithItsPath() {
    var r = api().post("/api/workflows", Map.of("slug", "broken", "spec", Map.of(
        "metadata", Map.of(),
        "nodes", List.of(Map.of("id", "a", "type", "agent-task"),
            Map.of("id", "b", "type", "agent_task", "agent_type", "planer",
                "dependencies", List.of("aa"))))));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode errors = r.json().path("errors");
    assertThat(errors.findValuesAsText("path"))
        .contains("$.metadata", "$.nodes[0].type", "$.nodes[1].agent_type",
            "$.nodes[1].dependencies[0]");
    assertThat(r.body()).contains("did you mean 'agent_task'?").contains("did you mean 'a'?");
    assertThat(api().get("/api/workflows/broken").status()).isEqualTo(404);
  }

  @Test
  void malformedSpecTextGivesLineAndColumn() {
    var r = api().post("/api/workflows",
        Map.of("slug", "broken-text", "spec", "{\n  \"metadata\": {\"name\": \"x\"},\n  \"nodes\": [ }"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().at("/errors/0/message").asText()).contains("line 3, column");
  }

  @Test
  void malformedRequestBodyIsABadRequest() {
    var r = api().post("/api/workflows", "{\"slug\": \"x\"");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("detail").asText()).contains("JSON");
  }

  @Test
  void invalidSlugIsABadRequest() {
    var r = api().post("/api/workflows", Map.of("slug", "Not A Slug", "spec", Map.of()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("detail").asText()).contains("slug 'Not A Slug' is not valid");
  }

  @Test
  void unknownWorkflowAndRunAreNotFound() {
    var start = api().post("/api/workflows/nope/runs", Map.of());
    assertThat(start.status()).isEqualTo(404);
    assertThat(start.json().path("detail").asText()).contains("no workflow 'nope'");
    assertThat(api().get("/api/workflows/runs/no-such-run").status()).isEqualTo(404);
  }

  @Test
  void inputDataMustBeAnObject() {
    var r = api().post("/api/workflows/diamond/runs", Map.of("input_data", List.of(1, 2)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("detail").asText()).contains("input_data must be a JSON object");
  }

  @Test
  void withoutCredentialsTheApiAnswers401() {
    var r = api("nobody", "wrong").get("/api/workflows");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void approvalDecisionsAreRefusedWithTheRightStatus() {
    ApiClient demo = api();
    String run = demo.startRun("full-development-cycle", Map.of("task", "t"));
    String approval = demo.awaitApproval(run, "approval_gate");

    // carol is a product-owner, not a TenantAdmin
    var forbidden = api("carol", "carol").post("/api/approvals/" + approval + "/approve", Map.of());
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().path("detail").asText()).contains("group 'TenantAdmin'");
    assertThat(api("carol", "carol").get("/api/approvals/pending").json().findValuesAsText("run_id"))
        .doesNotContain(run);
    assertThat(api("alice", "alice").get("/api/approvals/pending").json()
        .findValuesAsText("run_id")).contains(run);

    assertThat(api("alice", "alice").post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "ok")).status()).isEqualTo(200);
    var again = demo.post("/api/approvals/" + approval + "/reject", Map.of("reason", "late"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(demo.post("/api/approvals/unknown/approve", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void validateChecksWithoutDeploying() {
    var r = api().post("/api/workflows/validate", Map.of("metadata", Map.of("name", "x"),
        "nodes", List.of()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("valid").asBoolean()).isFalse();
    assertThat(r.json().path("errors").findValuesAsText("path")).contains("$.nodes");
  }
}
