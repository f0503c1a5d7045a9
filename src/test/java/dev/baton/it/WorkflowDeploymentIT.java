package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deploying specs through the API: versions only change when the spec does. */
class WorkflowDeploymentIT extends IntegrationTest {

  private static Map<String, Object> spec(String name) {
    return Map.of("metadata", Map.of("name", name, "version", "1.0.0"),
        "nodes", List.of(
            Map.of("id", "draft", "type", "agent_task", "agent_type", "docs"),
            Map.of("id", "review", "type", "agent_task", "agent_type", "qa",
                "dependencies", List.of("draft"))));
  }

  @Test
  void deployListReadAndRedeploy() {
    ApiClient api = api();
    var created = api.post("/api/workflows", Map.of("slug", "doc-review", "title", "Doc review",
        "spec", spec("Doc review")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("id").asText()).isEqualTo("doc-review");
    assertThat(created.json().path("version").asText()).isEqualTo("1.0.0");
    int version = created.json().path("deployment_version").asInt();

    var same = api.post("/api/workflows", Map.of("slug", "doc-review", "title", "Doc review",
        "spec", spec("Doc review")));
    assertThat(same.json().path("changed").asBoolean()).isFalse();
    assertThat(same.json().path("deployment_version").asInt()).isEqualTo(version);

    var changed = api.post("/api/workflows", Map.of("slug", "doc-review", "title", "Doc review",
        "spec", spec("Doc review, revised")));
    assertThat(changed.json().path("changed").asBoolean()).isTrue();
    assertThat(changed.json().path("deployment_version").asInt()).isEqualTo(version + 1);

    assertThat(api.get("/api/workflows").json().findValuesAsText("id"))
        .contains("doc-review", "full-development-cycle", "diamond");
    var workflow = api.get("/api/workflows/doc-review").json();
    assertThat(workflow.at("/spec/metadata/name").asText()).isEqualTo("Doc review, revised");

    var bpmn = api.get("/api/workflows/doc-review/bpmn");
    assertThat(bpmn.status()).isEqualTo(200);
    assertThat(bpmn.contentType()).startsWith("application/xml");
    assertThat(bpmn.body()).contains("<process ").contains("id=\"doc-review\"")
        .contains("bpmndi:BPMNDiagram");

    String run = api.startRun("doc-review", Map.of("task", "write the docs"));
    assertThat(api.awaitEnd(run).path("status").asText()).isEqualTo("completed");
  }

  @Test
  void warningsDoNotStopADeployment() {
    // a near miss of a known config key is a warning (config is open for later features)
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "Warned"),
        "nodes", List.of(Map.of("id", "a", "type", "agent_task", "agent_type", "docs",
            "config", Map.of("temprature", 0.5))));
    var created = api().post("/api/workflows", Map.of("slug", "warned", "spec", spec));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("warnings").findValuesAsText("path"))
        .contains("$.nodes[0].config.temprature");
  }
}
