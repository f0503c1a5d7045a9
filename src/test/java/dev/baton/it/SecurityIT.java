package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 12, replayed by ordinary accounts through every entry point: each is
 * refused, and what it aimed at is unchanged afterwards. The demo users' roles: carol approves
 * (product-owner only), alice authors, runs and approves (TenantAdmin, product-owner), bob
 * operates and approves (TenantAdmin, devops-lead), dave runs, erin views, zoe does everything
 * but administer in another tenant, demo administers.
 */
class SecurityIT extends IntegrationTest {

  /** A plan, then a gate for devops leads only, then a build. */
  static final String GATED = """
      { "metadata": { "name": "Ops gate", "version": "1.0.0", "budget_usd": 0.5 },
        "nodes": [
          { "id": "plan", "type": "agent_task", "agent_type": "planner", "name": "Plan" },
          { "id": "gate", "type": "approval_gate", "name": "Ops sign-off",
            "dependencies": ["plan"],
            "config": { "required_role": "devops-lead",
              "approval_criteria": { "require_two_person_rule": true } } },
          { "id": "build", "type": "agent_task", "agent_type": "builder", "name": "Build",
            "dependencies": ["gate"] } ] }
      """;

  private ApiClient demo;
  private ApiClient alice;
  private ApiClient bob;
  private ApiClient carol;

  @BeforeEach
  void deploy() {
    demo = api();
    alice = api("alice", "alice");
    bob = api("bob", "bob");
    carol = api("carol", "carol");
    ApiClient.Response deployed = demo.post("/api/workflows",
        Map.of("slug", "ops-gate", "spec", GATED));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
  }

  /** A run of alice's waiting at the devops gate, and the gate's task id. */
  private String[] runAtGate() {
    String run = alice.startRun("ops-gate", Map.of("task", "ship it"));
    return new String[] {run, demo.awaitApproval(run, "gate")};
  }

  @Test
  void identityIsForAdministratorsOnly() {
    var join = carol.put("/engine-rest/group/camunda-admin/members/carol", Map.of());
    assertThat(join.status()).as(join.body()).isEqualTo(403);
    assertThat(demo.get("/engine-rest/group?member=carol").json().findValuesAsText("id"))
        .doesNotContain("camunda-admin");

    var password = carol.put("/engine-rest/user/demo/credentials",
        Map.of("password", "owned", "authenticatedUserPassword", "carol"));
    // 404: carol may not even read demo's profile
    assertThat(password.status()).as(password.body()).isIn(403, 404);
    // demo's own password still works (trying the forged one would only delay demo's logins:
    // Camunda slows down a user's logins after a failed attempt)
    assertThat(demo.get("/api/workflows").status()).isEqualTo(200);

    var user = carol.post("/engine-rest/user/create", Map.of("profile", Map.of("id", "eve"),
        "credentials", Map.of("password", "eve")));
    assertThat(user.status()).as(user.body()).isEqualTo(403);
    var tenant = api("zoe", "zoe").put("/engine-rest/tenant/default/user-members/zoe", Map.of());
    assertThat(tenant.status()).as(tenant.body()).isEqualTo(403);
    var grant = bob.post("/engine-rest/authorization/create", Map.of("type", 1,
        "permissions", List.of("ALL"), "userId", "bob", "resourceType", 6, "resourceId", "*"));
    assertThat(grant.status()).as(grant.body()).isEqualTo(403);
  }

  @Test
  void onlyAdministratorsDeployBpmnOrDeleteDeployments() throws Exception {
    String evil = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="x">
          <process id="evil" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="s"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <serviceTask id="t" camunda:expression="${environment.getProperty('user.name')}"/>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
            <endEvent id="e"/>
          </process>
        </definitions>
        """;
    for (String user : List.of("carol", "alice", "bob", "zoe")) {
      int status = EngineRestDeployment.create(port, user, user, "evil.bpmn", evil);
      assertThat(status).as(user + " deploying raw BPMN").isEqualTo(403);
    }
    assertThat(demo.get("/engine-rest/process-definition?key=evil").json()).isEmpty();

    String deployment = demo.get("/engine-rest/process-definition?key=ops-gate&latestVersion=true")
        .json().get(0).path("deploymentId").asText();
    for (String user : List.of("carol", "alice", "bob")) {
      var deleted = api(user, user).delete("/engine-rest/deployment/" + deployment
          + "?cascade=true");
      // carol cannot even read it (404); alice and bob read, but may not delete
      assertThat(deleted.status()).as(user + " deleting a deployment").isIn(403, 404);
    }
    assertThat(demo.get("/engine-rest/deployment/" + deployment).status()).isEqualTo(200);
  }

  @Test
  void webappsOpenOnlyForTheRolesThatUseThem() throws Exception {
    assertThat(new WebappSession(port).login("admin", "carol", "carol")).isNotEqualTo(200);
    assertThat(new WebappSession(port).login("cockpit", "carol", "carol")).isNotEqualTo(200);
    assertThat(new WebappSession(port).login("tasklist", "carol", "carol")).isEqualTo(200);
    assertThat(new WebappSession(port).login("cockpit", "bob", "bob")).isEqualTo(200);
    assertThat(new WebappSession(port).login("admin", "bob", "bob")).isNotEqualTo(200);
    assertThat(new WebappSession(port).login("cockpit", "erin", "erin")).isEqualTo(200);
    assertThat(new WebappSession(port).login("tasklist", "erin", "erin")).isNotEqualTo(200);
    assertThat(new WebappSession(port).login("admin", "demo", "demo")).isEqualTo(200);
  }

  @Test
  void eachWebappShowsOnlyWhatItsUserMaySee() throws Exception {
    String[] atGate = runAtGate();
    String engineApi = "/camunda/api/engine/engine/default";

    WebappSession bob = new WebappSession(port);
    assertThat(bob.login("cockpit", "bob", "bob")).isEqualTo(200);
    assertThat(bob.get(engineApi + "/process-definition?key=ops-gate").body())
        .contains("\"key\":\"ops-gate\"");
    assertThat(bob.get(engineApi + "/process-instance/" + atGate[0]).statusCode())
        .isEqualTo(200);

    WebappSession zoe = new WebappSession(port);
    assertThat(zoe.login("cockpit", "zoe", "zoe")).isEqualTo(200);
    assertThat(zoe.get(engineApi + "/process-definition?key=ops-gate").body()).isEqualTo("[]");
    assertThat(zoe.get(engineApi + "/process-instance/" + atGate[0]).statusCode())
        .isIn(403, 404);
    assertThat(zoe.get(engineApi + "/task/" + atGate[1]).statusCode()).isIn(403, 404);

    WebappSession carol = new WebappSession(port);
    assertThat(carol.login("tasklist", "carol", "carol")).isEqualTo(200);
    assertThat(carol.get(engineApi + "/task").body()).doesNotContain(atGate[1]);
    WebappSession devops = new WebappSession(port);
    assertThat(devops.login("tasklist", "bob", "bob")).isEqualTo(200);
    assertThat(devops.get(engineApi + "/task").body()).contains(atGate[1]);

    WebappSession admin = new WebappSession(port);
    assertThat(admin.login("admin", "demo", "demo")).isEqualTo(200);
    assertThat(admin.get(engineApi + "/user").body()).contains("\"id\":\"carol\"");
    WebappSession nosy = new WebappSession(port);
    assertThat(nosy.login("cockpit", "bob", "bob")).isEqualTo(200);
    assertThat(nosy.get(engineApi + "/user").body()).doesNotContain("\"id\":\"carol\"");
  }

  @Test
  void aGateOfAnotherRoleCanBeNeitherSeenNorClaimedNorCompleted() {
    String[] atGate = runAtGate();
    String task = atGate[1];
    assertThat(carol.get("/engine-rest/task").json().findValuesAsText("id")).doesNotContain(task);
    assertThat(carol.get("/api/approvals/pending").json().findValuesAsText("id"))
        .doesNotContain(task);
    var claim = carol.post("/engine-rest/task/" + task + "/claim", Map.of("userId", "carol"));
    assertThat(claim.status()).as(claim.body()).isIn(403, 404);
    var complete = carol.post("/engine-rest/task/" + task + "/complete",
        Map.of("variables", Map.of("decision", Map.of("value", "approve"))));
    assertThat(complete.status()).as(complete.body()).isIn(403, 404);
    var api = carol.post("/api/approvals/" + task + "/approve", Map.of());
    assertThat(api.status()).as(api.body()).isEqualTo(403);
    var assign = carol.post("/engine-rest/task/" + task + "/assignee", Map.of("userId", "carol"));
    assertThat(assign.status()).as(assign.body()).isIn(403, 404);
    // bob, a devops lead, may: the gate is still open for him
    assertThat(bob.get("/api/approvals/pending").json().findValuesAsText("id")).contains(task);
  }

  @Test
  void theStarterCannotSkipHisGateNorRewriteTheRun() {
    String[] atGate = runAtGate();
    String run = atGate[0];
    var skip = alice.post("/engine-rest/process-instance/" + run + "/modification", Map.of(
        "instructions", List.of(Map.of("type", "cancel", "activityId", "gate"),
            Map.of("type", "startBeforeActivity", "activityId", "build"))));
    assertThat(skip.status()).as(skip.body()).isEqualTo(403);
    for (ApiClient user : List.of(alice, bob, carol)) {
      var budget = user.put("/engine-rest/process-instance/" + run
          + "/variables/baton_budget_usd", Map.of("value", 1000, "type", "Double"));
      assertThat(budget.status()).as(budget.body()).isIn(403, 404);
      var audit = user.post("/engine-rest/process-instance/" + run + "/variables",
          Map.of("modifications", Map.of("gate__audit", Map.of("value", "[]"))));
      assertThat(audit.status()).as(audit.body()).isIn(403, 404);
    }
    // suspending is an operator's (bob's) right, not the starter's
    for (ApiClient user : List.of(alice, carol)) {
      var suspend = user.put("/engine-rest/process-instance/" + run + "/suspended",
          Map.of("suspended", true));
      assertThat(suspend.status()).as(suspend.body()).isIn(403, 404);
    }
    JsonNode status = demo.run(run);
    assertThat(status.path("status").asText()).isEqualTo("waiting_approval");
    assertThat(status.path("budget_usd").asDouble()).isEqualTo(0.5);
  }

  @Test
  void budgetsChangeOnlyWithTheOperatorRole() {
    Map<String, Object> soft = Map.of("name", "everything soft", "tenant_id", "default",
        "hard_cap", false);
    for (ApiClient user : List.of(carol, alice, api("dave", "dave"), api("erin", "erin"))) {
      var created = user.post("/api/budgets", soft);
      assertThat(created.status()).as(created.body()).isEqualTo(403);
    }
    assertThat(demo.get("/api/budgets").json().findValuesAsText("name"))
        .doesNotContain("everything soft");
  }

  @Test
  void everyApiEndpointNeedsItsRole() {
    var deployed = carol.post("/api/workflows", Map.of("slug", "ops-gate", "spec", GATED));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(403);
    var agent = carol.put("/api/agents/planner", Map.of("type", "planner"));
    assertThat(agent.status()).as(agent.body()).isEqualTo(403);
    String demoRun = demo.startRun("ops-gate", Map.of("task", "demo's secret input"));
    var abort = carol.post("/api/workflows/runs/" + demoRun + "/abort", Map.of());
    assertThat(abort.status()).as(abort.body()).isEqualTo(403);
    var read = carol.get("/api/workflows/runs/" + demoRun);
    assertThat(read.status()).as(read.body()).isEqualTo(403);
    assertThat(carol.get("/api/workflows/runs/" + demoRun + "/cost").status()).isEqualTo(403);
    // nor through the engine's own API: no variable, no history of runs she cannot read
    assertThat(carol.get("/engine-rest/variable-instance?processInstanceIdIn=" + demoRun)
        .json()).isEmpty();
    assertThat(carol.get("/engine-rest/history/variable-instance?processInstanceId=" + demoRun)
        .json()).isEmpty();
    assertThat(carol.get("/engine-rest/history/process-instance").json()).isEmpty();
    assertThat(carol.get("/engine-rest/process-instance").json()).isEmpty();

    ApiClient dave = api("dave", "dave");
    assertThat(dave.post("/api/workflows", Map.of("slug", "x", "spec", GATED)).status())
        .isEqualTo(403);
    assertThat(dave.get("/api/workflows/runs/" + demoRun).status()).isEqualTo(200);
    ApiClient erin = api("erin", "erin");
    assertThat(erin.get("/api/workflows/runs/" + demoRun).json().path("input_data").path("task")
        .asText()).isEqualTo("demo's secret input");
    assertThat(erin.post("/api/workflows/ops-gate/runs", Map.of()).status()).isEqualTo(403);
    assertThat(erin.post("/api/workflows/runs/" + demoRun + "/abort", Map.of()).status())
        .isEqualTo(403);
    assertThat(dave.post("/api/workflows/runs/" + demoRun + "/abort", Map.of()).status())
        .isEqualTo(200);
  }

  @Test
  void anotherTenantSeesAndChangesNothing() {
    String[] atGate = runAtGate();
    String run = atGate[0];
    String task = atGate[1];
    ApiClient zoe = api("zoe", "zoe");

    assertThat(zoe.get("/api/workflows").json().findValuesAsText("id"))
        .doesNotContain("ops-gate", "full-development-cycle");
    assertThat(zoe.get("/api/workflows/ops-gate").status()).isEqualTo(404);
    assertThat(zoe.get("/api/workflows/ops-gate/bpmn").status()).isEqualTo(404);
    assertThat(zoe.post("/api/workflows/ops-gate/runs", Map.of()).status()).isEqualTo(404);
    assertThat(zoe.get("/api/workflows/runs/" + run).status()).isEqualTo(404);
    assertThat(zoe.get("/api/workflows/runs/" + run + "/cost").status()).isEqualTo(404);
    assertThat(zoe.post("/api/workflows/runs/" + run + "/abort", Map.of()).status())
        .isEqualTo(404);
    assertThat(zoe.post("/api/workflows/runs/" + run + "/retry", Map.of()).status())
        .isEqualTo(404);
    assertThat(zoe.get("/api/approvals/pending").json().findValuesAsText("id"))
        .doesNotContain(task);
    assertThat(zoe.post("/api/approvals/" + task + "/approve", Map.of()).status())
        .isEqualTo(404);
    var taken = zoe.post("/api/workflows", Map.of("slug", "ops-gate", "spec", GATED));
    assertThat(taken.status()).as(taken.body()).isEqualTo(409);

    for (String path : List.of("/engine-rest/process-definition", "/engine-rest/process-instance",
        "/engine-rest/task", "/engine-rest/history/process-instance",
        "/engine-rest/history/variable-instance", "/engine-rest/deployment",
        "/engine-rest/history/task", "/engine-rest/incident")) {
      JsonNode seen = zoe.get(path).json();
      assertThat(seen.findValuesAsText("tenantId")).as(path).doesNotContain("default");
      assertThat(seen.toString()).as(path).doesNotContain(run).doesNotContain("ops-gate");
    }
    var claim = zoe.post("/engine-rest/task/" + task + "/claim", Map.of("userId", "zoe"));
    assertThat(claim.status()).as(claim.body()).isIn(403, 404);

    // zoe's own workflow, agent and run live in acme; default's users do not see them
    var own = zoe.post("/api/workflows", Map.of("slug", "acme-flow", "spec", GATED.replace(
        "devops-lead", "product-owner")));
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    assertThat(own.json().path("tenant_id").asText()).isEqualTo("acme");
    assertThat(alice.get("/api/workflows/acme-flow").status()).isEqualTo(404);
    String acmeRun = zoe.startRun("acme-flow", Map.of("task", "acme secret"));
    assertThat(alice.get("/api/workflows/runs/" + acmeRun).status()).isEqualTo(404);
    // a product owner of the default tenant is no candidate of acme's product-owner gate
    zoe.awaitApproval(acmeRun, "gate");
    assertThat(carol.get("/api/approvals/pending").toString()).doesNotContain(acmeRun);

    var agent = zoe.post("/api/agents", Map.of("slug", "acme-planner", "type", "planner"));
    assertThat(agent.status()).as(agent.body()).isEqualTo(201);
    assertThat(alice.get("/api/agents/acme-planner").status()).isEqualTo(404);
    assertThat(alice.get("/api/agents").json().findValuesAsText("slug"))
        .doesNotContain("acme-planner");
    assertThat(zoe.put("/api/agents/planner", Map.of("type", "planner")).status())
        .as("shared agents are changed by administrators").isEqualTo(403);
  }

  @Test
  void operationalEndpointsNeedTheOperatorRole() {
    for (String path : List.of("/actuator/retryevents", "/actuator/metrics",
        "/actuator/circuitbreakerevents", "/actuator/info")) {
      assertThat(carol.get(path).status()).as(path).isEqualTo(403);
      assertThat(bob.get(path).status()).as(path).isEqualTo(200);
    }
    // Spring Boot's tests export no metrics, so the endpoint is absent here: refused all the same
    assertThat(carol.get("/actuator/prometheus").status()).isEqualTo(403);
    JsonNode health = carol.get("/actuator/health").json();
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.has("components")).as("health details for operators only").isFalse();
    assertThat(bob.get("/actuator/health").json().has("components")).isTrue();
    assertThat(carol.get("/api/audit").status()).isEqualTo(403);
  }
}
