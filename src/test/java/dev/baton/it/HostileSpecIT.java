package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reported injections, replayed over HTTP: a spec whose names are expressions deploys, and
 * every place that shows them (the pending approvals, the run status, the engine's own task)
 * shows the text as written; the one that would run {@code touch} creates no file. Role ids
 * that are expressions are refused by {@code /validate} and by deploy, with their path.
 */
class HostileSpecIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROPERTY = "${environment.getProperty('user.name')}";

  private ObjectNode spec(String gateName, String secondGateName, Path marker) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", "Hostile #{'names'} ${1+1}")
        .put("description", "\\${x} </description> \" '");
    ArrayNode nodes = spec.putArray("nodes");
    nodes.addObject().put("id", "first-gate").put("type", "approval_gate")
        .put("name", gateName).putObject("config").put("required_role", "TenantAdmin");
    ObjectNode plan = nodes.addObject().put("id", "plan").put("type", "agent_task")
        .put("agent_type", "planner").put("name", "Plan ${execution.getVariable('input')}");
    plan.putArray("dependencies").add("first-gate");
    ObjectNode second = nodes.addObject().put("id", "second.gate")
        .put("type", "approval_gate").put("name", secondGateName);
    second.putObject("config").put("required_role", "TenantAdmin");
    second.putArray("dependencies").add("plan");
    return spec;
  }

  @Test
  void namesThatAreExpressionsAreShownAsWrittenAndRunNothing() throws Exception {
    Path marker = Files.createTempDirectory("baton-hostile").resolve("pwned");
    String exec = "#{''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch "
        + marker + "')}";
    ApiClient api = api();

    var validated = api.post("/api/workflows/validate", spec(PROPERTY, exec, marker));
    assertThat(validated.status()).isEqualTo(200);
    assertThat(validated.json().path("errors")).isEmpty();
    var deployed = api.post("/api/workflows", Map.of("slug", "hostile-names",
        "title", "${title} #{title}", "spec", spec(PROPERTY, exec, marker)));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

    String run = api.startRun("hostile-names", Map.of("task", "${task}"));
    String first = api.awaitApproval(run, "first-gate");
    JsonNode pending = pendingFor(api, run, "first-gate");
    assertThat(pending.path("gate_name").asText()).isEqualTo(PROPERTY);
    assertThat(engineTaskName(api, first)).isEqualTo(PROPERTY);
    assertThat(nodeName(api.run(run), "first-gate")).isEqualTo(PROPERTY);

    assertThat(api.post("/api/approvals/" + first + "/approve", Map.of("justification", "ok"))
        .status()).isEqualTo(200);
    String second = api.awaitApproval(run, "second.gate");
    assertThat(pendingFor(api, run, "second.gate").path("gate_name").asText()).isEqualTo(exec);
    assertThat(engineTaskName(api, second)).isEqualTo(exec);
    JsonNode status = api.run(run);
    assertThat(nodeName(status, "second.gate")).isEqualTo(exec);
    assertThat(nodeName(status, "plan")).isEqualTo("Plan ${execution.getVariable('input')}");
    assertThat(status.path("input_data").path("task").asText()).isEqualTo("${task}");
    assertThat(marker).doesNotExist();

    assertThat(api.post("/api/approvals/" + second + "/reject", Map.of("reason", "no"))
        .status()).isEqualTo(200);
    api.awaitEnd(run);
    assertThat(marker).doesNotExist();
    assertThat(api.get("/api/workflows/hostile-names").json().path("title").asText())
        .isEqualTo("${title} #{title}");
  }

  @Test
  void rolesThatAreExpressionsAreRefusedWithTheirPath() {
    ObjectNode spec = spec("Review", "Sign off", Path.of("unused"));
    ((ObjectNode) spec.path("nodes").get(0).path("config")).put("required_role", PROPERTY);
    ((ObjectNode) spec.path("nodes").get(2).path("config")).putArray("approvers")
        .add("#{x}");

    var validated = api().post("/api/workflows/validate", spec);
    assertThat(validated.json().path("valid").asBoolean()).isFalse();
    assertThat(validated.json().path("errors").findValuesAsText("path")).containsExactly(
        "$.nodes[0].config.required_role", "$.nodes[2].config.approvers[0]");
    var deployed = api().post("/api/workflows", Map.of("slug", "hostile-roles", "spec", spec));
    assertThat(deployed.status()).isEqualTo(422);
    assertThat(deployed.contentType()).startsWith("application/problem+json");
    assertThat(deployed.json().path("errors").findValuesAsText("path")).containsExactly(
        "$.nodes[0].config.required_role", "$.nodes[2].config.approvers[0]");
    assertThat(api().get("/api/workflows/hostile-roles").status()).isEqualTo(404);
  }

  private static JsonNode pendingFor(ApiClient api, String run, String node) {
    for (JsonNode p : api.get("/api/approvals/pending").json()) {
      if (run.equals(p.path("run_id").asText()) && node.equals(p.path("node_id").asText())) {
        return p;
      }
    }
    throw new AssertionError("no pending approval " + node + " of " + run);
  }

  private static String engineTaskName(ApiClient api, String taskId) {
    var task = api.get("/engine-rest/task/" + taskId);
    assertThat(task.status()).as(task.body()).isEqualTo(200);
    return task.json().path("name").asText();
  }

  private static String nodeName(JsonNode run, String nodeId) {
    for (JsonNode node : run.path("nodes")) {
      if (nodeId.equals(node.path("id").asText())) {
        return node.path("name").asText();
      }
    }
    throw new AssertionError("no node " + nodeId + " in " + run);
  }

  static List<String> paths(JsonNode errors) {
    return errors.findValuesAsText("path");
  }
}
