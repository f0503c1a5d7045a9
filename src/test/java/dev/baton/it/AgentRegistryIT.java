package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent registry over HTTP: shipped defaults, registering, changing and assigning tools,
 * every mistake a problem+json with its status; and deploy-time matching with its errors.
 */
class AgentRegistryIT extends IntegrationTest {

  private static Map<String, Object> agent(String slug, String type, List<String> caps,
      Map<String, Object> config) {
    Map<String, Object> body = new HashMap<>();
    body.put("slug", slug);
    body.put("title", "Agent " + slug);
    body.put("type", type);
    body.put("capabilities", caps);
    body.put("config", config);
    return body;
  }

  @Test
  void aDefaultAgentOfEveryTypeShipsWithThePlatform() {
    JsonNode agents = api().get("/api/agents").json();
    for (String type : List.of("planner", "builder", "qa", "docs", "governance", "cost",
        "integration", "custom")) {
      JsonNode found = null;
      for (JsonNode a : agents) {
        if (a.path("slug").asText().equals(type)) {
          found = a;
        }
      }
      assertThat(found).as("default agent " + type).isNotNull();
      assertThat(found.path("type").asText()).isEqualTo(type);
      assertThat(found.path("enabled").asBoolean()).isTrue();
      assertThat(found.path("built_in").asBoolean()).isTrue();
      assertThat(found.path("capabilities")).isNotEmpty();
    }
    // documented in the OpenAPI description
    assertThat(api().get("/api/openapi").body()).contains("/api/agents/{id}/tools")
        .contains("/api/tools");
    JsonNode tools = api().get("/api/tools").json();
    assertThat(tools.findValuesAsText("slug")).contains("github-issues", "http", "slack",
        "webhook");
    assertThat(tools.findValuesAsText("category")).contains("git", "communication");
  }

  @Test
  void registerChangeAndAssignToolsWithScopes() {
    ApiClient api = api();
    var created = api.post("/api/agents", agent("release-notes-writer", "docs",
        List.of("documentation", "release_notes"),
        Map.of("model", "baton-simulated", "temperature", 0.4, "max_tokens", 300,
            "tools", List.of("github-issues"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.json().at("/config/tools/0").asText()).isEqualTo("github-issues");
    assertThat(created.json().at("/tools/0/scopes").toString()).isEqualTo("[\"read\"]");
    assertThat(created.json().path("built_in").asBoolean()).isFalse();
    // the documented shape (docs/api.md): the fields in this order; tenant_id only when owned
    List<String> fields = new ArrayList<>();
    created.json().fieldNames().forEachRemaining(fields::add);
    fields.remove("tenant_id");
    assertThat(fields).containsExactly("id", "slug", "title", "type", "capabilities", "config",
        "enabled", "built_in", "tools", "updated_at");
    assertThat(created.json().at("/tools/0/tool").asText()).isEqualTo("github-issues");

    var assigned = api.post("/api/agents/" + id + "/tools",
        Map.of("tool_id", "github-issues", "scopes", List.of("read", "write")));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.json().at("/tools/0/scopes").toString())
        .isEqualTo("[\"read\",\"write\"]");

    var changed = api.put("/api/agents/" + id, agent("release-notes-writer", "docs",
        List.of("documentation"), Map.of("temperature", 0.1)));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().at("/config/temperature").asDouble()).isEqualTo(0.1);
    // config without tools leaves the assignments as they are
    assertThat(changed.json().at("/tools/0/scopes").toString()).isEqualTo("[\"read\",\"write\"]");
    assertThat(api.get("/api/agents/release-notes-writer").json().path("id").asLong())
        .isEqualTo(id);
  }

  @Test
  void mistakesAreProblemsWithTheRightStatus() {
    ApiClient api = api();
    var badSlug = api.post("/api/agents", agent("Bad Slug", "docs", List.of(), Map.of()));
    assertThat(badSlug.status()).isEqualTo(400);
    assertThat(badSlug.contentType()).startsWith("application/problem+json");
    assertThat(badSlug.json().path("detail").asText()).contains("slug 'Bad Slug' is not valid");

    var badType = api.post("/api/agents", agent("typo-agent", "biulder", List.of(), Map.of()));
    assertThat(badType.status()).isEqualTo(422);
    assertThat(badType.json().path("detail").asText()).contains("builder");

    var badTool = api.post("/api/agents", agent("tool-agent", "custom", List.of(),
        Map.of("tools", List.of("jira"))));
    assertThat(badTool.status()).isEqualTo(422);
    assertThat(badTool.json().path("detail").asText()).contains("unknown tool 'jira'");

    var badTemperature = api.post("/api/agents", agent("hot-agent", "custom", List.of(),
        Map.of("temperature", 7)));
    assertThat(badTemperature.status()).isEqualTo(422);

    var badModel = api.post("/api/agents", agent("typo-model", "custom", List.of(),
        Map.of("model", "gpt-4o-mimi")));
    assertThat(badModel.status()).isEqualTo(422);
    assertThat(badModel.json().path("detail").asText()).contains("unknown model 'gpt-4o-mimi'");

    assertThat(api.post("/api/agents", agent("twice", "custom", List.of(), Map.of())).status())
        .isEqualTo(201);
    var twice = api.post("/api/agents", agent("twice", "custom", List.of(), Map.of()));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(api.put("/api/agents/twice", agent("renamed", "custom", List.of(), Map.of()))
        .status()).isEqualTo(409);

    assertThat(api.put("/api/agents/999999", agent("x", "custom", List.of(), Map.of()))
        .status()).isEqualTo(404);
    assertThat(api.post("/api/agents/999999/tools", Map.of("tool_id", "http",
        "scopes", List.of("read"))).status()).isEqualTo(404);
    var badScope = api.post("/api/agents/twice/tools", Map.of("tool_id", "http",
        "scopes", List.of("root")));
    assertThat(badScope.status()).isEqualTo(422);
    assertThat(badScope.json().path("detail").asText()).contains("unknown scope 'root'");
  }

  @Test
  void deployMatchesAgentsAndRecordsTheChoiceInTheBpmn() {
    ApiClient api = api();
    assertThat(api.post("/api/agents", agent("java-builder", "builder",
        List.of("code_generation", "java", "spring"), Map.of())).status()).isEqualTo(201);
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "Matched"),
        "nodes", List.of(
            Map.of("id", "plan", "type", "agent_task", "agent_type", "planner"),
            // capabilities alone choose the agent (and its type)
            Map.of("id", "code", "type", "agent_task", "config",
                Map.of("capabilities", List.of("java", "spring")), "dependencies",
                List.of("plan"))));
    var created = api.post("/api/workflows", Map.of("slug", "matched", "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String bpmn = api.get("/api/workflows/matched/bpmn").body();
    assertThat(bpmn).contains("name=\"baton.agent\" value=\"planner\"")
        .contains("name=\"baton.agent\" value=\"java-builder\"")
        .contains("name=\"baton.agent_type\" value=\"builder\"");
    JsonNode done = api.awaitEnd(api.startRun("matched", Map.of("task", "t")));
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(RunLifecycleIT.node(done, "code").at("/output/agent").asText())
        .isEqualTo("java-builder");
    assertThat(RunLifecycleIT.node(done, "code").at("/output/agent_type").asText())
        .isEqualTo("builder");
  }

  @Test
  void noFittingAgentIsADeployTimeErrorWithThePathAndAHint() {
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "Unfit"),
        "nodes", List.of(
            Map.of("id", "plan", "type", "agent_task", "agent_type", "planner",
                "config", Map.of("capabilities", List.of("planning", "mind_reading"))),
            Map.of("id", "review", "type", "agent_task", "agent_type", "qa",
                "config", Map.of("prompt_template", "review_plan"))));
    var refused = api().post("/api/workflows", Map.of("slug", "unfit", "spec", spec));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    JsonNode errors = refused.json().path("errors");
    assertThat(errors.findValuesAsText("path")).containsExactly(
        "$.nodes[0].config.capabilities", "$.nodes[1].config.prompt_template");
    assertThat(errors.get(0).path("message").asText()).contains("mind_reading");
    assertThat(errors.get(0).path("hint").asText()).isNotBlank();
    assertThat(errors.get(1).path("message").asText())
        .contains("{{plan.output}}").contains("does not run before 'review'");
    assertThat(api().get("/api/workflows/unfit").status()).isEqualTo(404);

    // validate says the same without deploying
    JsonNode validation = api().post("/api/workflows/validate", spec).json();
    assertThat(validation.path("valid").asBoolean()).isFalse();
    assertThat(validation.path("errors").findValuesAsText("path"))
        .contains("$.nodes[0].config.capabilities");
  }

  @Test
  void anAgentDisabledAfterDeployFailsItsNodeNamingTheAgent() {
    ApiClient api = api();
    assertThat(api.post("/api/agents", agent("short-lived", "custom", List.of("ephemeral"),
        Map.of())).status()).isEqualTo(201);
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "Pinned"),
        "nodes", List.of(Map.of("id", "only", "type", "agent_task",
            "config", Map.of("agent", "short-lived"))));
    assertThat(api.post("/api/workflows", Map.of("slug", "pinned", "spec", spec)).status())
        .isEqualTo(201);
    Map<String, Object> disabled = agent("short-lived", "custom", List.of("ephemeral"),
        Map.of());
    disabled.put("enabled", false);
    assertThat(api.put("/api/agents/short-lived", disabled).status()).isEqualTo(200);

    JsonNode failed = api.awaitStatus(api.startRun("pinned", Map.of("task", "t")), "failed");
    assertThat(failed.path("reason").asText()).contains("agent 'short-lived'")
        .contains("is disabled");
    // redeploying now refuses: the agent no longer matches
    var redeploy = api.post("/api/workflows", Map.of("slug", "pinned", "spec", spec));
    assertThat(redeploy.status()).isEqualTo(422);
    assertThat(redeploy.json().at("/errors/0/path").asText()).isEqualTo("$.nodes[0].config.agent");
  }
}
