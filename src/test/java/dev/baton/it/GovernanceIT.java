package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A platform started with a strict governance policy file: the rules in effect over the API,
 * a spec using an agent type the policy does not allow refused at its path, an agent of that
 * type refused by the registry, a production deploy step that gets the policy's human gate (in
 * the BPMN, in run status, decided by an approver), and the run limit enforced by the engine
 * through Baton's API and the engine's own REST API alike.
 */
@TestPropertySource(properties =
    "baton.governance.policy-file=src/test/resources/governance/strict-policy.yml")
class GovernanceIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Runs this test may have in flight; other tests' waiting runs share the database. */
  private static final int OWN_RUNS = 3;

  @DynamicPropertySource
  static void runLimit(DynamicPropertyRegistry registry) {
    // read when the engine is configured: what other tests left waiting, plus our own
    registry.add("baton.governance.max-concurrent-runs", () -> inFlight() + OWN_RUNS);
  }

  @Test
  void thePolicyIsReadableAndRefusesWhatItDoesNotAllow() {
    JsonNode policy = api("erin", "erin").get("/api/governance/policy").json();
    assertThat(policy.path("source").asText()).endsWith("strict-policy.yml");
    assertThat(policy.path("name").asText()).isEqualTo("acme_governance");
    assertThat(policy.path("allowed_agent_types").toString())
        .isEqualTo("[\"planner\",\"builder\",\"qa\",\"docs\"]");
    assertThat(policy.path("require_human_gates").toString()).isEqualTo("[\"prod_deploy\"]");
    assertThat(policy.path("run_sla_ms").asLong()).isEqualTo(3_600_000L);

    ObjectNode spec = release("gov-costly");
    ((ObjectNode) spec.path("nodes").get(0)).put("agent_type", "cost");
    ApiClient.Response refused = api("alice", "alice").post("/api/workflows",
        Map.of("slug", "gov-costly", "spec", spec));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().path("errors").toString()).contains("$.nodes[0].agent_type")
        .contains("agents.allowed_types").contains("strict-policy.yml");

    ApiClient.Response agent = api("alice", "alice").post("/api/agents",
        Map.of("slug", "gov-cost-agent", "type", "cost"));
    assertThat(agent.status()).as(agent.body()).isEqualTo(422);
    assertThat(agent.json().path("detail").asText()).contains("agents.allowed_types");
  }

  @Test
  void aProductionDeployWaitsForTheGateThePolicyAddsAndRunsAreLimited() {
    ApiClient alice = api("alice", "alice");
    ApiClient.Response deployed = alice.post("/api/workflows",
        Map.of("slug", "gov-release", "spec", release("gov-release")));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    assertThat(deployed.json().path("warnings").toString())
        .contains("policy_gate_deploy").contains("workflows.run_sla_ms applies");
    assertThat(alice.get("/api/workflows/gov-release/bpmn").body())
        .contains("id=\"policy_gate_deploy\"").contains("camunda:candidateGroups=\"baton-approver\"")
        .contains("run__sla");

    String run = alice.startRun("gov-release", Map.of("task", "ship it"));
    String gate = alice.awaitApproval(run, "policy_gate_deploy");
    assertThat(api("carol", "carol").post("/api/approvals/" + gate + "/approve",
        Map.of("justification", "change ticket CHG-1")).status()).isEqualTo(200);
    JsonNode done = alice.awaitStatus(run, "completed");
    List<String> nodes = new ArrayList<>();
    done.path("nodes").forEach(n -> nodes.add(n.path("id").asText()));
    assertThat(nodes).containsExactly("build", "policy_gate_deploy", "deploy");

    // the limit: runs waiting at the gate are in flight; one more is refused by the engine
    List<String> waiting = new ArrayList<>();
    ApiClient.Response refused = null;
    for (int i = 0; i < OWN_RUNS + 5 && refused == null; i++) {
      ApiClient.Response started = alice.post("/api/workflows/gov-release/runs",
          Map.of("input_data", Map.of("task", "wait " + i)));
      if (started.status() == 201) {
        waiting.add(started.json().path("id").asText());
      } else {
        refused = started;
      }
    }
    assertThat(refused).as("a start beyond max_concurrent_runs").isNotNull();
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.contentType()).contains("application/problem+json");
    assertThat(refused.json().path("detail").asText())
        .contains("workflows.max_concurrent_runs");
    assertThat(waiting).isNotEmpty();

    // the engine's REST API is refused alike
    String definition = api().get("/engine-rest/process-definition?key=gov-release"
        + "&latestVersion=true").json().get(0).path("id").asText();
    ApiClient.Response engine = api().post("/engine-rest/process-definition/" + definition
        + "/start", Map.of());
    assertThat(engine.status()).as(engine.body()).isEqualTo(429);
    assertThat(engine.json().path("type").asText()).isEqualTo("RunLimitReachedException");

    // once runs end there is room again
    for (String id : waiting) {
      alice.post("/api/workflows/runs/" + id + "/abort", Map.of("reason", "done"));
    }
    String again = alice.startRun("gov-release", Map.of("task", "room again"));
    alice.post("/api/workflows/runs/" + again + "/abort", Map.of("reason", "done"));
  }

  /** build → deploy (tagged prod_deploy, so gated by the policy); no SLA of its own. */
  private static ObjectNode release(String name) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", name).put("budget_usd", 1.0);
    ArrayNode nodes = spec.putArray("nodes");
    nodes.addObject().put("id", "build").put("type", "agent_task").put("agent_type", "builder")
        .putObject("config").put("max_tokens", 16);
    ObjectNode deploy = nodes.addObject().put("id", "deploy").put("type", "agent_task")
        .put("agent_type", "builder");
    deploy.putArray("dependencies").add("build");
    ObjectNode config = deploy.putObject("config").put("max_tokens", 16);
    config.putArray("tags").add("prod_deploy");
    return spec;
  }

  /** Runs in flight in the shared test database; 0 before the engine made its tables. */
  private static long inFlight() {
    try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(),
        TestDatabase.password());
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE ID_ = PROC_INST_ID_")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException noTablesYet) {
      return 0;
    }
  }
}
