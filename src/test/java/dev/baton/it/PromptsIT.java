package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prompts as data over HTTP: a template written through {@code PUT /api/prompts/{name}} is
 * versioned, listed and read back; a spec naming it deploys with the latest version pinned, and
 * its runs render that version with the simulated model even after the template changes, until
 * the workflow is deployed again. Inline prompts deploy and run; every refusal is a
 * problem+json with its status (viewers may read, not write; shared templates are the
 * administrators'; another tenant's name is taken).
 */
class PromptsIT extends IntegrationTest {

  private static Map<String, Object> spec(Map<String, Object> config) {
    return Map.of("metadata", Map.of("name", "Prompted"),
        "nodes", List.of(Map.of("id", "sum", "type", "agent_task", "agent_type", "docs",
            "config", config)));
  }

  private static JsonNode onlyNode(JsonNode run) {
    return RunLifecycleIT.node(run, "sum");
  }

  private static void assertProblem(ApiClient.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("detail").asText()).isNotBlank();
  }

  @Test
  void aStoredTemplateIsVersionedPinnedAtDeployAndRenderedAtRunTime() {
    ApiClient alice = api("alice", "alice");
    var first = alice.send("PUT", "/api/prompts/it_summary", "text/plain",
        "Version one: {{input.task}}");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().path("version").asInt()).isEqualTo(1);
    assertThat(first.json().path("tenant_id").asText()).isEqualTo("default");
    // the same text again writes nothing
    var same = alice.send("PUT", "/api/prompts/it_summary", "text/plain",
        "Version one: {{input.task}}");
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json().path("changed").asBoolean()).isFalse();
    var second = alice.put("/api/prompts/it_summary",
        Map.of("text", "Version two: {{input.task}}"));
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().path("version").asInt()).isEqualTo(2);

    JsonNode listed = null;
    for (JsonNode p : alice.get("/api/prompts").json()) {
      if (p.path("name").asText().equals("it_summary")) {
        listed = p;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("latest_version").asInt()).isEqualTo(2);
    assertThat(listed.path("source").asText()).isEqualTo("api");
    assertThat(listed.hasNonNull("updated_at")).isTrue();
    JsonNode detail = alice.get("/api/prompts/it_summary").json();
    assertThat(detail.path("text").asText()).isEqualTo("Version two: {{input.task}}");
    assertThat(detail.path("versions").findValuesAsText("version")).containsExactly("2", "1");
    assertThat(detail.at("/versions/0/created_by").asText()).isEqualTo("alice");
    assertThat(alice.get("/api/prompts/it_summary/versions/1").json().path("text").asText())
        .isEqualTo("Version one: {{input.task}}");

    var deployed = alice.post("/api/workflows", Map.of("slug", "it-prompted",
        "spec", spec(Map.of("prompt_template", "it_summary"))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    assertThat(alice.get("/api/workflows/it-prompted/bpmn").body())
        .contains("&quot;prompt_version&quot;:2");
    JsonNode run = alice.awaitEnd(alice.startRun("it-prompted", Map.of("task", "the release")));
    assertThat(run.path("status").asText()).as(run.toPrettyString()).isEqualTo("completed");
    assertThat(onlyNode(run).at("/output/prompt_template").asText()).isEqualTo("it_summary@2");
    assertThat(onlyNode(run).at("/output/output").asText())
        .contains("to: Version two: the release");

    // a new version does not change what the deployed workflow renders ...
    assertThat(alice.put("/api/prompts/it_summary",
        Map.of("text", "Version three: {{input.task}}")).status()).isEqualTo(201);
    JsonNode again = alice.awaitEnd(alice.startRun("it-prompted", Map.of("task", "again")));
    assertThat(onlyNode(again).at("/output/prompt_template").asText()).isEqualTo("it_summary@2");
    assertThat(onlyNode(again).at("/output/output").asText()).contains("to: Version two: again");
    // ... until it is deployed again, which pins the latest
    var redeployed = alice.post("/api/workflows", Map.of("slug", "it-prompted",
        "spec", spec(Map.of("prompt_template", "it_summary"))));
    assertThat(redeployed.json().path("changed").asBoolean()).as(redeployed.body()).isTrue();
    JsonNode third = alice.awaitEnd(alice.startRun("it-prompted", Map.of("task", "now")));
    assertThat(onlyNode(third).at("/output/prompt_template").asText()).isEqualTo("it_summary@3");
    assertThat(onlyNode(third).at("/output/output").asText()).contains("to: Version three: now");
    // or a node names the version it wants
    var pinned = alice.post("/api/workflows", Map.of("slug", "it-prompted-v1",
        "spec", spec(Map.of("prompt_template", "it_summary", "prompt_version", 1))));
    assertThat(pinned.status()).as(pinned.body()).isEqualTo(201);
    JsonNode old = alice.awaitEnd(alice.startRun("it-prompted-v1", Map.of("task", "old")));
    assertThat(onlyNode(old).at("/output/output").asText()).contains("to: Version one: old");
  }

  @Test
  void aSeededTemplateIsSharedAndOnlyAdministratorsChangeIt() {
    JsonNode seeded = api("erin", "erin").get("/api/prompts/plan_project").json();
    assertThat(seeded.path("tenant_id").isMissingNode() || seeded.path("tenant_id").isNull())
        .as(seeded.toString()).isTrue();
    assertThat(seeded.at("/versions/0/source").asText()).isEqualTo("file");
    assertThat(seeded.path("text").asText()).contains("{{");
    assertProblem(api("alice", "alice").send("PUT", "/api/prompts/plan_project", "text/plain",
        "Mine now"), 403);
    // the sample specs that name it were deployed with its version pinned
    assertThat(api().get("/api/workflows/full-development-cycle/bpmn").body())
        .contains("&quot;prompt_template&quot;:&quot;plan_project&quot;")
        .contains("&quot;prompt_version&quot;:");
  }

  @Test
  void refusalsAreProblemsWithTheirStatus() {
    ApiClient alice = api("alice", "alice");
    assertThat(alice.send("PUT", "/api/prompts/it_refusals", "text/plain", "Hello {{input.x}}")
        .status()).isEqualTo(201);
    // a viewer reads but may not write
    assertThat(api("erin", "erin").get("/api/prompts/it_refusals").status()).isEqualTo(200);
    assertProblem(api("erin", "erin").send("PUT", "/api/prompts/it_refusals", "text/plain",
        "Changed"), 403);
    assertProblem(api("erin", "erin").send("PUT", "/api/prompts/it_new", "text/plain", "New"),
        403);
    // bad input
    assertProblem(alice.send("PUT", "/api/prompts/bad%20name", "text/plain", "x"), 400);
    assertProblem(alice.send("PUT", "/api/prompts/it_empty", "text/plain", "  "), 400);
    assertProblem(alice.put("/api/prompts/it_empty", Map.of("tenant_id", "default")), 400);
    assertProblem(alice.get("/api/prompts/it_refusals/versions/abc"), 400);
    // not there
    assertProblem(alice.get("/api/prompts/it_nothing"), 404);
    assertProblem(alice.get("/api/prompts/it_refusals/versions/9"), 404);
    // another tenant: not visible, and the name is taken
    assertProblem(api("zoe", "zoe").get("/api/prompts/it_refusals"), 404);
    assertProblem(api("zoe", "zoe").send("PUT", "/api/prompts/it_refusals", "text/plain",
        "Acme's"), 409);
    assertThat(api("zoe", "zoe").get("/api/prompts").json().findValuesAsText("name"))
        .doesNotContain("it_refusals").contains("plan_project");
    // and a workflow of that tenant cannot use it
    var foreign = api("zoe", "zoe").post("/api/workflows", Map.of("slug", "it-foreign",
        "spec", spec(Map.of("prompt_template", "it_refusals"))));
    assertProblem(foreign, 422);
  }

  @Test
  void aTemplateThatIsNeitherStoredNorAFileIsRefusedAtDeploy() {
    var refused = api("alice", "alice").post("/api/workflows", Map.of("slug", "it-missing",
        "spec", spec(Map.of("prompt_template", "it_never_written"))));
    assertProblem(refused, 422);
    JsonNode error = refused.json().path("errors").get(0);
    assertThat(error.path("path").asText()).isEqualTo("$.nodes[0].config.prompt_template");
    assertThat(error.path("message").asText()).contains("'it_never_written'")
        .contains("neither stored");
    assertThat(error.path("hint").asText()).contains("PUT /api/prompts/it_never_written");
  }

  @Test
  void anInlinePromptDeploysRunsAndIsCheckedLikeATemplate() {
    ApiClient alice = api("alice", "alice");
    var deployed = alice.post("/api/workflows", Map.of("slug", "it-inline",
        "spec", spec(Map.of("prompt", "Inline: {{input.task}}"))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    JsonNode run = alice.awaitEnd(alice.startRun("it-inline", Map.of("task", "write docs")));
    assertThat(run.path("status").asText()).as(run.toPrettyString()).isEqualTo("completed");
    assertThat(onlyNode(run).at("/output/output").asText()).contains("to: Inline: write docs");
    assertThat(onlyNode(run).at("/output/prompt_template").isMissingNode()).isTrue();

    var unknown = alice.post("/api/workflows", Map.of("slug", "it-inline-bad",
        "spec", spec(Map.of("prompt", "Use {{draft.output}}"))));
    assertProblem(unknown, 422);
    assertThat(unknown.json().path("errors").findValuesAsText("path"))
        .containsExactly("$.nodes[0].config.prompt");
    var both = alice.post("/api/workflows", Map.of("slug", "it-inline-both",
        "spec", spec(Map.of("prompt", "Inline", "prompt_template", "plan_project"))));
    assertProblem(both, 422);
    assertThat(both.json().path("errors").get(0).path("message").asText())
        .contains("both 'prompt'");
  }
}
