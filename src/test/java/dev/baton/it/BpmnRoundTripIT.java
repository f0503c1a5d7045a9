package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.support.ModelerEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An analyst's round trip over real HTTP on the real engine: download a compiled BPMN, edit it
 * as in Camunda Modeler (move shapes, rename a node, drop an agent task from Baton's template
 * on a flow, give a gate to another group), deploy it back with {@code POST /api/workflows}
 * (application/xml), and run it to the end. A stale base, hostile edits and a user who may not
 * deploy are refused.
 */
class BpmnRoundTripIT extends IntegrationTest {

  private static final String SLUG = "roundtrip-release";
  private static final String XML = "application/xml";

  private static Map<String, Object> spec() {
    return Map.of("metadata", Map.of("name", "Round-trip release", "version", "1.0.0",
            "budget_usd", 2.0),
        "nodes", List.of(
            Map.of("id", "build", "type", "agent_task", "agent_type", "builder",
                "name", "Build"),
            Map.of("id", "qa", "type", "agent_task", "agent_type", "qa", "name", "Test",
                "dependencies", List.of("build")),
            Map.of("id", "approve", "type", "approval_gate", "name", "Approve the release",
                "config", Map.of("required_role", "devops-lead"),
                "dependencies", List.of("qa")),
            Map.of("id", "ship", "type", "agent_task", "agent_type", "integration",
                "name", "Ship", "dependencies", List.of("approve"))));
  }

  @Test
  void anEditedBpmnDeploysRunsAndKeepsItsLayout() {
    ApiClient demo = api();
    assertThat(demo.post("/api/workflows", Map.of("slug", SLUG, "spec", spec())).status())
        .isEqualTo(201);
    int baseVersion = demo.get("/api/workflows/" + SLUG).json().path("deployment_version")
        .asInt();
    String downloaded = demo.get("/api/workflows/" + SLUG + "/bpmn").body();
    assertThat(downloaded).contains("baton.source");

    ModelerEdits edits = new ModelerEdits(downloaded)
        .move("build__budget", 0, 150).move("build", 0, 150).move("qa__budget", 0, 150)
        .move("qa", 0, 150).move("approve", 30, 150)
        .rename("qa", "Check quality")
        .insertAgentTask("flow__build__qa__budget", "Activity_0review", "Review the build",
            Map.of("baton.agent_type", "docs", "baton.output_format", "text"))
        .attribute("approve", "candidateGroups", "product-owner");
    String edited = edits.xml();

    // a user who may not deploy workflows
    assertThat(api("carol", "carol").send("POST", "/api/workflows", XML, edited).status())
        .isEqualTo(403);

    ApiClient.Response deployed = demo.send("POST", "/api/workflows", XML, edited);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    JsonNode reply = deployed.json();
    assertThat(reply.path("id").asText()).isEqualTo(SLUG);
    assertThat(reply.path("changed").asBoolean()).isTrue();
    assertThat(reply.path("deployment_version").asInt()).isEqualTo(baseVersion + 1);
    assertThat(reply.at("/edits/base_version").asInt()).isEqualTo(baseVersion);
    List<String> applied = new ArrayList<>();
    reply.at("/edits/applied").forEach(e -> applied.add(e.path("change").asText()));
    assertThat(applied).contains("renamed node 'qa' to 'Check quality'",
        "added agent task 'Activity_0review' (Review the build) between build and qa",
        "gate 'approve' roles: devops-lead → product-owner");
    assertThat(applied).anyMatch(a -> a.startsWith("moved 5 shape(s)"));

    // the audit log keeps the import with its edits
    JsonNode audit = demo.get("/api/audit?action=workflow.bpmn_imported&resource=" + SLUG)
        .json().path("entries");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("actor").asText()).isEqualTo("demo");
    assertThat(audit.get(0).at("/details/applied").toString()).contains("Check quality");

    // the new version has a spec, derived from the edits
    JsonNode workflow = demo.get("/api/workflows/" + SLUG).json();
    assertThat(workflow.at("/spec/nodes").findValuesAsText("id")).contains("Activity_0review");

    String run = demo.startRun(SLUG, Map.of("task", "release 2.0"));
    String approval = demo.awaitApproval(run, "approve");
    // the gate now belongs to product owners: a DevOps lead may no longer decide it
    assertThat(api("bob", "bob").post("/api/approvals/" + approval + "/approve", Map.of())
        .status()).isEqualTo(403);
    ApiClient.Response approved = api("carol", "carol")
        .post("/api/approvals/" + approval + "/approve", Map.of("justification", "ok"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    JsonNode status = demo.awaitEnd(run);
    assertThat(status.path("status").asText()).as(status.toPrettyString())
        .isEqualTo("completed");
    JsonNode review = node(status, "Activity_0review");
    assertThat(review.path("status").asText()).isEqualTo("completed");
    assertThat(review.path("name").asText()).isEqualTo("Review the build");
    assertThat(node(status, "qa").path("name").asText()).isEqualTo("Check quality");

    // the moved shapes are where the analyst put them
    ModelerEdits redeployed = new ModelerEdits(demo.get("/api/workflows/" + SLUG + "/bpmn")
        .body());
    assertThat(redeployed.bounds("build")).containsExactly(edits.bounds("build"));
    assertThat(redeployed.bounds("approve")).containsExactly(edits.bounds("approve"));
    assertThat(redeployed.bounds("Activity_0review"))
        .containsExactly(edits.bounds("Activity_0review"));

    // the command line deploys a BPMN file the same way and lists the edits it took
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile(SLUG, ".bpmn");
      java.nio.file.Files.writeString(file, new ModelerEdits(demo.get("/api/workflows/" + SLUG
          + "/bpmn").body()).rename("ship", "Ship the release").xml());
      CliResult cli = runCli("demo", "workflows", "deploy", file.toString());
      assertThat(cli.code()).as(cli.out() + cli.err()).isZero();
      assertThat(cli.out()).contains("applied  ship: renamed node 'ship' to 'Ship the release'")
          .contains(SLUG + ": deployed as v" + (baseVersion + 2));
      assertThat(runCli("demo", "workflows", "deploy", file.toString(), "--slug", "x").code())
          .isEqualTo(2);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    // the first download is stale now: nothing is overwritten
    ApiClient.Response stale = demo.send("POST", "/api/workflows", "text/xml",
        new ModelerEdits(downloaded).rename("ship", "Ship it").xml());
    assertThat(stale.status()).as(stale.body()).isEqualTo(409);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    assertThat(stale.json().path("detail").asText())
        .contains("edited from version " + baseVersion)
        .contains("at version " + (baseVersion + 2));
    assertThat(demo.get("/api/workflows/" + SLUG).json().path("deployment_version").asInt())
        .isEqualTo(baseVersion + 2);
  }

  @Test
  void hostileEditsAreRefusedNamingTheElement() {
    ApiClient demo = api();
    String slug = SLUG + "-hostile";
    assertThat(demo.post("/api/workflows", Map.of("slug", slug, "spec", spec())).status())
        .isEqualTo(201);
    int version = demo.get("/api/workflows/" + slug).json().path("deployment_version").asInt();
    String downloaded = demo.get("/api/workflows/" + slug + "/bpmn").body();
    String hostile = new ModelerEdits(downloaded)
        .condition("flow__approve__decision__ship__budget",
            "${execution.setVariable('approve__outcome', 'approved') == null}")
        .insertScriptTask("flow__build__qa__budget", "Activity_0script")
        .xml();

    ApiClient.Response refused = demo.send("POST", "/api/workflows", XML, hostile);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("errors").findValuesAsText("element_id"))
        .contains("flow__approve__decision__ship__budget", "Activity_0script");
    assertThat(demo.get("/api/workflows/" + slug).json().path("deployment_version").asInt())
        .isEqualTo(version);
    assertThat(demo.get("/api/workflows/" + slug + "/bpmn").body())
        .doesNotContain("Activity_0script").doesNotContain("setVariable");
  }

  @Test
  void aHandDrawnBpmnOfTemplateTasksDeploysOnceAndRuns() {
    ApiClient demo = api();
    String sketch = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
          <bpmn:process id="roundtrip-sketch" name="Sketch" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="write" name="Write it" camunda:type="external"
                camunda:topic="baton-agent" camunda:modelerTemplate="dev.baton.AgentTask">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="baton.agent_type" value="docs"/>
              </camunda:properties></bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="write"/>
            <bpmn:sequenceFlow id="f2" sourceRef="write" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;
    ApiClient.Response deployed = demo.send("POST", "/api/workflows", XML, sketch);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    JsonNode baseVersion = deployed.json().at("/edits/base_version");
    assertThat(baseVersion.isMissingNode() || baseVersion.isNull()).as(deployed.body()).isTrue();
    assertThat(deployed.json().at("/edits/applied").findValuesAsText("change"))
        .containsExactly("added agent task 'write' (Write it) between the start and the end");
    assertThat(demo.get("/api/workflows/roundtrip-sketch").json().at("/spec/nodes/0/id")
        .asText()).isEqualTo("write");
    String run = demo.startRun("roundtrip-sketch", Map.of("task", "a note"));
    JsonNode status = demo.awaitEnd(run);
    assertThat(status.path("status").asText()).isEqualTo("completed");
    assertThat(node(status, "write").path("name").asText()).isEqualTo("Write it");
    // without a base, it cannot replace the workflow it created
    assertThat(demo.send("POST", "/api/workflows", XML, sketch).status()).isEqualTo(409);
  }

  private static JsonNode node(JsonNode status, String id) {
    for (JsonNode n : status.path("nodes")) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no node " + id + " in " + status.toPrettyString());
  }
}
