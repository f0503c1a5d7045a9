package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint of {@code /api} (and the {@code /engine-rest} calls Baton's docs name) against
 * every demo role and the second tenant: the table in docs/security.md, checked. A request that
 * a role may make reaches Baton's logic; the bodies are chosen so that it then stops at a
 * harmless domain error (an invalid spec, a run that has ended), so the table changes nothing.
 *
 * <p>Users: demo (admin), alice (author, runner, approver), bob (operator, approver), carol
 * (approver), dave (runner), erin (viewer), zoe (everything but admin, in tenant acme).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT extends IntegrationTest {

  private static final List<String> USERS =
      List.of("demo", "alice", "bob", "carol", "dave", "erin", "zoe");
  private static final String INVALID_SPEC = "{\"nodes\": []}";

  private final Map<String, String> ids = new LinkedHashMap<>();

  /** A default-tenant workflow, a completed run of it, and an agent of alice's. */
  @BeforeAll
  void prepare() {
    useThisContextsEngine(); // /engine-rest below: before any @BeforeEach has pointed it here
    ApiClient demo = api();
    assertThat(demo.post("/api/workflows", Map.of("slug", "matrix", "spec",
        SecurityIT.GATED)).status()).isEqualTo(201);
    assertThat(demo.post("/api/workflows", Map.of("slug", "matrix-plain", "spec", """
        { "metadata": { "name": "Plain", "version": "1" },
          "nodes": [ { "id": "only", "type": "agent_task", "agent_type": "docs" } ] }
        """)).status()).isEqualTo(201);
    String run = demo.startRun("matrix-plain", Map.of("task", "matrix"));
    assertThat(demo.awaitEnd(run).path("status").asText()).isEqualTo("completed");
    ids.put("run", run);
    ids.put("trace", demo.run(run).path("trace_id").asText());
    ids.put("definition", demo.get("/engine-rest/process-definition?key=matrix-plain")
        .json().get(0).path("id").asText());
    String waiting = demo.startRun("matrix", Map.of("task", "matrix"));
    demo.awaitApproval(waiting, "gate");
    ids.put("waiting", waiting);
    var agent = api("alice", "alice").post("/api/agents",
        Map.of("slug", "matrix-agent", "type", "docs"));
    assertThat(agent.status()).as(agent.body()).isEqualTo(201);
  }

  /** One endpoint and, per user, the statuses that count as the expected answer. */
  record Row(String method, String path, String body, Map<String, List<Integer>> expected) {}

  private static final List<Integer> OK = List.of(200, 201);
  private static final List<Integer> FORBIDDEN = List.of(403);
  private static final List<Integer> HIDDEN = List.of(404);

  private static Map<String, List<Integer>> expect(Object... userAndStatuses) {
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    for (int i = 0; i < userAndStatuses.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Integer> statuses = (List<Integer>) userAndStatuses[i + 1];
      for (String user : ((String) userAndStatuses[i]).split(",")) {
        expected.put(user, statuses);
      }
    }
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(USERS);
    return expected;
  }

  private List<Row> rows() {
    String run = "/api/workflows/runs/" + ids.get("run");
    List<Row> rows = new ArrayList<>();
    // workflows
    rows.add(new Row("GET", "/api/workflows", null,
        expect("demo,alice,bob,dave,erin,zoe", OK, "carol", FORBIDDEN)));
    for (String path : List.of("/api/workflows/matrix", "/api/workflows/matrix/bpmn")) {
      rows.add(new Row("GET", path, null,
          expect("demo,alice,bob,dave,erin", OK, "carol", FORBIDDEN, "zoe", HIDDEN)));
    }
    rows.add(new Row("POST", "/api/workflows", "{\"slug\": \"matrix-x\", \"spec\": "
        + INVALID_SPEC + "}", expect("demo,alice,zoe", List.of(422), "bob,carol,dave,erin",
            FORBIDDEN)));
    rows.add(new Row("POST", "/api/workflows/validate", INVALID_SPEC,
        expect("demo,alice,zoe", OK, "bob,carol,dave,erin", FORBIDDEN)));
    rows.add(new Row("POST", "/api/workflows/matrix-plain/runs",
        "{\"input_data\": {\"task\": \"matrix\"}}",
        expect("demo,alice,dave", OK, "bob,carol,erin", FORBIDDEN, "zoe", HIDDEN)));
    // runs
    for (String path : List.of(run, run + "/cost")) {
      rows.add(new Row("GET", path, null,
          expect("demo,alice,bob,dave,erin", OK, "carol", FORBIDDEN, "zoe", HIDDEN)));
    }
    rows.add(new Row("POST", run + "/abort", "{}", expect("demo,alice,dave", List.of(409),
        "bob,carol,erin", FORBIDDEN, "zoe", HIDDEN)));
    rows.add(new Row("POST", run + "/retry", null, expect("demo,alice,bob,dave", List.of(409),
        "carol,erin", FORBIDDEN, "zoe", HIDDEN)));
    // replay: a dry run, for whoever may read the run
    rows.add(new Row("POST", run + "/replay", "{}",
        expect("demo,alice,bob,dave,erin", OK, "carol", FORBIDDEN, "zoe", HIDDEN)));
    // approvals
    rows.add(new Row("GET", "/api/approvals/pending", null,
        expect("demo,alice,bob,carol,zoe", OK, "dave,erin", FORBIDDEN)));
    for (String action : List.of("approve", "reject", "request-changes")) {
      rows.add(new Row("POST", "/api/approvals/no-such-task/" + action, "{}",
          expect("demo,alice,bob,carol,zoe", HIDDEN, "dave,erin", FORBIDDEN)));
    }
    // agents and tools
    for (String path : List.of("/api/agents", "/api/agents/planner", "/api/tools")) {
      rows.add(new Row("GET", path, null,
          expect("demo,alice,bob,dave,erin,zoe", OK, "carol", FORBIDDEN)));
    }
    rows.add(new Row("GET", "/api/agents/matrix-agent", null,
        expect("demo,alice,bob,dave,erin", OK, "carol", FORBIDDEN, "zoe", HIDDEN)));
    rows.add(new Row("POST", "/api/agents", "{\"slug\": \"m\", \"type\": \"no-such-type\"}",
        expect("demo,alice,zoe", List.of(422), "bob,carol,dave,erin", FORBIDDEN)));
    rows.add(new Row("PUT", "/api/agents/matrix-agent", "{\"type\": \"no-such-type\"}",
        expect("demo,alice", List.of(422), "bob,carol,dave,erin", FORBIDDEN, "zoe", HIDDEN)));
    rows.add(new Row("PUT", "/api/agents/planner", "{\"type\": \"no-such-type\"}",
        expect("demo", List.of(422), "alice,zoe", FORBIDDEN, "bob,carol,dave,erin",
            FORBIDDEN)));
    rows.add(new Row("POST", "/api/agents/matrix-agent/tools", "{}", expect("demo,alice",
        List.of(400), "bob,carol,dave,erin", FORBIDDEN, "zoe", HIDDEN)));
    // prompt templates: a shared one every tenant reads; writing without text stops at 400
    for (String path : List.of("/api/prompts", "/api/prompts/plan_project")) {
      rows.add(new Row("GET", path, null,
          expect("demo,alice,bob,dave,erin,zoe", OK, "carol", FORBIDDEN)));
    }
    rows.add(new Row("PUT", "/api/prompts/plan_project", "{}",
        expect("demo,alice,zoe", List.of(400), "bob,carol,dave,erin", FORBIDDEN)));
    // agent bundles: authors submit (a JSON body stops at 415), operators decide, never a
    // bundle of another tenant (none has this id: 404 once the role lets the call through)
    rows.add(new Row("GET", "/api/bundles", null,
        expect("demo,alice,bob,dave,erin,zoe", OK, "carol", FORBIDDEN)));
    rows.add(new Row("GET", "/api/bundles/999999", null,
        expect("demo,alice,bob,dave,erin,zoe", HIDDEN, "carol", FORBIDDEN)));
    rows.add(new Row("POST", "/api/bundles", "{}",
        expect("demo,alice,zoe", List.of(415), "bob,carol,dave,erin", FORBIDDEN)));
    for (String action : List.of("approve", "reject", "uninstall")) {
      rows.add(new Row("POST", "/api/bundles/999999/" + action, "{}",
          expect("demo,bob,zoe", HIDDEN, "alice,carol,dave,erin", FORBIDDEN)));
    }
    rows.add(new Row("POST", "/api/bundles/999999/tests", null,
        expect("demo,alice,bob,zoe", HIDDEN, "carol,dave,erin", FORBIDDEN)));
    // budgets
    rows.add(new Row("GET", "/api/budgets", null,
        expect("demo,alice,bob,dave,erin,zoe", OK, "carol", FORBIDDEN)));
    // a negative amount: refused once the caller may change the default tenant's budgets
    rows.add(new Row("POST", "/api/budgets",
        "{\"name\": \"m\", \"tenant_id\": \"default\", \"daily_usd\": -1}",
        expect("demo,bob", List.of(400, 422), "zoe", FORBIDDEN, "alice,carol,dave,erin",
            FORBIDDEN)));
    // traces: a run of the default tenant; governance rules
    rows.add(new Row("GET", "/api/traces/" + ids.get("trace"), null,
        expect("demo,alice,bob,dave,erin", OK, "carol", FORBIDDEN, "zoe", HIDDEN)));
    rows.add(new Row("GET", "/api/governance/policy", null,
        expect("demo,alice,bob,dave,erin,zoe", OK, "carol", FORBIDDEN)));
    // who am I
    rows.add(new Row("GET", "/api/me", null, expect("demo,alice,bob,carol,dave,erin,zoe", OK)));
    // the engine's own API: the engine's authorizations decide
    rows.add(new Row("POST", "/engine-rest/process-definition/" + ids.get("definition")
        + "/start", "{}", expect("demo,alice,dave", OK, "bob,carol,erin", FORBIDDEN, "zoe",
            List.of(403, 404))));
    // a modification that would fail if it got as far as the instructions: only demo may
    rows.add(new Row("POST", "/engine-rest/process-instance/" + ids.get("waiting")
        + "/modification", "{\"instructions\": [{\"type\": \"cancel\", "
        + "\"activityInstanceId\": \"no-such-instance\"}]}", expect("demo", List.of(400),
            "alice,bob,carol,dave,erin", FORBIDDEN, "zoe", List.of(403, 404))));
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointAnswersEveryRoleAsDocumented() {
    return rows().stream().flatMap(row -> USERS.stream().map(user -> DynamicTest.dynamicTest(
        row.method() + " " + row.path() + " as " + user, () -> {
          ApiClient.Response response = api(user, user).send(row.method(), row.path(),
              row.body());
          assertThat(response.status())
              .as("%s %s as %s: %s", row.method(), row.path(), user, response.body())
              .isIn(row.expected().get(user));
          if (response.status() >= 400 && row.path().startsWith("/api")) {
            assertThat(response.contentType()).startsWith("application/problem+json");
          }
        })));
  }
}
