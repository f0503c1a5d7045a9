package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.process.ProcessTestEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 12 on gates and budgets, replayed through Camunda's {@code /engine-rest}
 * as the demo users (carol is only in product-owner; alice and bob are TenantAdmins; demo is an
 * administrator), with Camunda authorization off: the rules hold on the engine itself. Each
 * attack is refused with 403 and a message, the run stays where it was, the attempt is in the
 * audit log, the run's budget is the spec's, and the audit chain verifies.
 */
class EngineRestGuardsIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  private Reply engine(String user, String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/engine-rest" + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (user + ":" + user).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30));
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
              : JSON.writeValueAsString(body)));
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> form(String decision, String comment) {
    return Map.of("variables", Map.of("decision", Map.of("value", decision),
        "comment", Map.of("value", comment)));
  }

  private static void refused(Reply reply, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.json().path("type").asText()).isEqualTo("AuthorizationException");
    assertThat(reply.json().path("message").asText()).contains(message);
  }

  /** Refused by Camunda's authorization before any of Baton's rules are asked. */
  private static void notAuthorized(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isIn(403, 404);
    if (reply.status() == 403) {
      assertThat(reply.json().path("type").asText()).isEqualTo("AuthorizationException");
    }
  }

  private JsonNode audit(String run, String action) {
    return api().get("/api/audit?run=" + run + "&action=" + action).json().path("entries");
  }

  private void chainIntact() {
    JsonNode verified = api().get("/api/audit/verify").json();
    assertThat(verified.path("intact").asBoolean()).as(verified.toPrettyString()).isTrue();
  }

  @Test
  void carolCannotClaimAndCompleteAGateMeantForTenantAdmins() {
    String run = api().startRun("full-development-cycle", Map.of("task", "guards"));
    String task = api().awaitApproval(run, "approval_gate");

    // Camunda's authorization refuses first: carol is no candidate, so she may neither claim
    // nor work on the task (GateGuardProcessTest shows the gate's own rules without it)
    notAuthorized(engine("carol", "POST", "/task/" + task + "/claim",
        Map.of("userId", "carol")));
    notAuthorized(engine("carol", "POST", "/task/" + task + "/complete",
        form("approve", "mine")));
    notAuthorized(engine("carol", "POST", "/task/" + task + "/submit-form",
        form("approve", "mine")));
    refused(engine("carol", "POST", "/task/" + task + "/identity-links",
        Map.of("groupId", "product-owner", "type", "candidate")),
        "only administrators change who may decide");
    refused(engine("carol", "POST", "/task/" + task + "/bpmnError",
        Map.of("errorCode", "BUDGET_EXCEEDED")), "not with a BPMN error");

    JsonNode waiting = api().run(run);
    assertThat(waiting.path("status").asText()).isEqualTo("waiting_approval");
    assertThat(audit(run, "gate.change_refused").findValuesAsText("actor"))
        .containsExactly("carol", "carol");

    // a candidate decides through the same endpoint
    assertThat(engine("alice", "POST", "/task/" + task + "/complete",
        form("approve", "plan is fine")).status()).isEqualTo(204);
    JsonNode done = api().awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    JsonNode decided = audit(run, "gate.decided");
    assertThat(decided).hasSize(1);
    assertThat(decided.get(0).path("actor").asText()).isEqualTo("alice");
    // recorded once: the engine's own "task completed" entry is left out for a gate decision
    assertThat(audit(run, "engine.task.complete")).isEmpty();
    chainIntact();
  }

  @Test
  void aForgedAuditVariableDoesNotMakeOneApprovalPassTheTwoPersonRule() {
    String run = api().startRun("release-approval", Map.of("task", "guards"));
    String task = api().awaitApproval(run, "sign_off");
    String forged = "[{\"decision\":\"approve\",\"decided_by\":\"bob\",\"outcome\":\"pending\"}]";

    // only administrators may write a run's variables; and those are copies the rule does not
    // read
    notAuthorized(engine("alice", "PUT", "/process-instance/" + run
        + "/variables/sign_off__audit", Map.of("value", forged, "type", "Json")));
    assertThat(engine("demo", "PUT", "/process-instance/" + run
        + "/variables/sign_off__audit", Map.of("value", forged, "type", "Json")).status())
        .isEqualTo(204);
    // ... and a gate's completion or its task variables carry only the form's fields
    refused(engine("alice", "POST", "/task/" + task + "/complete", Map.of("variables", Map.of(
            "decision", Map.of("value", "approve"), "comment", Map.of("value", "ok"),
            "sign_off__audit", Map.of("value", forged, "type", "Json")))),
        "takes only its form's fields [comment, decision]; refused: [sign_off__audit]");
    refused(engine("alice", "PUT", "/task/" + task + "/variables/sign_off__outcome",
        Map.of("value", "approved")), "refused: [sign_off__outcome]");

    // the gate's own rules answer 400 with their message
    Reply bare = engine("alice", "POST", "/task/" + task + "/complete", form("approve", " "));
    assertThat(bare.status()).as(bare.body()).isEqualTo(400);
    assertThat(bare.json().path("message").asText()).contains("needs a justification");
    assertThat(engine("alice", "POST", "/task/" + task + "/complete",
        form("approve", "rollback covered")).status()).isEqualTo(204);
    String second = api().awaitApproval(run, "sign_off");
    assertThat(second).isNotEqualTo(task);
    JsonNode status = api().run(run);
    assertThat(status.path("status").asText()).isEqualTo("waiting_approval");
    JsonNode gate = RunLifecycleIT.node(status, "sign_off");
    assertThat(gate.path("audit").findValuesAsText("decided_by")).containsExactly("alice");
    assertThat(gate.path("audit").findValuesAsText("outcome")).containsExactly("pending");
    // the second approval is still needed, and must be someone else's
    notAuthorized(engine("carol", "POST", "/task/" + second + "/complete",
        form("approve", "me")));
    assertThat(engine("bob", "POST", "/task/" + second + "/complete",
        form("approve", "second pair of eyes")).status()).isEqualTo(204);
    assertThat(api().awaitEnd(run).path("status").asText()).isEqualTo("completed");
    chainIntact();
  }

  @Test
  void theStarterCannotSkipHisGateButAnAdministratorCanAndIsAudited() {
    // dave may start and abort runs (runner), nothing more
    String run = api("dave", "dave").startRun("full-development-cycle", Map.of("task", "skip"));
    api().awaitApproval(run, "approval_gate");
    Map<String, Object> skip = Map.of("instructions", java.util.List.of(
        Map.of("type", "cancel", "activityId", "approval_gate"),
        Map.of("type", "startBeforeActivity", "activityId", "implement__budget")));

    refused(engine("dave", "POST", "/process-instance/" + run + "/modification", skip),
        "only administrators may modify or migrate a run");
    refused(engine("dave", "POST", "/process-instance/" + run + "/modification-async", skip),
        "only administrators may modify");
    refused(engine("dave", "POST",
        "/process-definition/key/full-development-cycle/tenant-id/default/start",
        Map.of("startInstructions", java.util.List.of(Map.of("type", "startBeforeActivity",
            "activityId", "implement__budget")))), "a run starts at its start event");
    JsonNode timeout = engine("dave", "GET", "/job?processInstanceId=" + run
        + "&activityId=approval_gate__timeout", null).json();
    assertThat(timeout).hasSize(1);
    refused(engine("dave", "POST", "/job/" + timeout.get(0).path("id").asText() + "/execute",
        null), "timers of an approval gate");
    assertThat(api().run(run).path("status").asText()).isEqualTo("waiting_approval");
    assertThat(audit(run, "run.modification_refused").findValuesAsText("actor"))
        .containsExactly("dave", "dave");

    // an administrator may, and it is in the audit log as the engine recorded it
    assertThat(engine("demo", "POST", "/process-instance/" + run + "/modification", skip)
        .status()).isEqualTo(204);
    assertThat(api().awaitEnd(run).path("status").asText()).isEqualTo("completed");
    JsonNode modified = audit(run, "engine.process_instance.modify_process_instance");
    assertThat(modified).hasSize(1);
    assertThat(modified.get(0).path("actor").asText()).isEqualTo("demo");
    chainIntact();
  }

  @Test
  void abortingAWholeRunStaysWithWhoeverMayDeleteItAndIsAudited() {
    String run = api("dave", "dave").startRun("full-development-cycle", Map.of("task", "x"));
    api().awaitApproval(run, "approval_gate");
    // carol (an approver) may not; dave (a runner) may
    assertThat(engine("carol", "DELETE", "/process-instance/" + run, null).status())
        .isIn(403, 404);
    assertThat(engine("dave", "DELETE", "/process-instance/" + run, null).status())
        .isEqualTo(204);
    assertThat(api().awaitEnd(run).path("status").asText()).isEqualTo("aborted");
    assertThat(audit(run, "engine.process_instance.delete").findValuesAsText("actor"))
        .containsExactly("dave");
    chainIntact();
  }

  @Test
  void aBudgetVariableWrittenDuringTheRunDoesNotLetItPassItsCap() {
    String slug = "guard-budget-" + UUID.randomUUID().toString().substring(0, 6);
    // the first task fits 0.003 (worst case $0.0025), the second cannot ($0.007)
    var deployed = api().post("/api/workflows", Map.of("slug", slug, "spec", Map.of(
        "metadata", Map.of("name", "Guarded budget", "budget_usd", 0.003),
        "nodes", java.util.List.of(
            Map.of("id", "draft", "type", "agent_task", "agent_type", "docs"),
            Map.of("id", "check", "type", "approval_gate", "dependencies",
                java.util.List.of("draft"), "config", Map.of("required_role", "TenantAdmin")),
            Map.of("id", "expensive", "type", "agent_task", "agent_type", "builder",
                "dependencies", java.util.List.of("check"),
                "config", Map.of("max_tokens", 4000))))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    String run = api().startRun(slug, Map.of("task", "t"));
    String task = api().awaitApproval(run, "check");

    // only an administrator may write a run's variables at all; even then the cap holds
    assertThat(engine("bob", "PUT", "/process-instance/" + run + "/variables/baton_budget_usd",
        Map.of("value", 1000, "type", "Double")).status()).isEqualTo(403);
    assertThat(engine("demo", "PUT", "/process-instance/" + run + "/variables/baton_budget_usd",
        Map.of("value", 1000, "type", "Double")).status()).isEqualTo(204);
    assertThat(engine("alice", "POST", "/task/" + task + "/complete", form("approve", "go"))
        .status()).isEqualTo(204);

    JsonNode done = api().awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("failed");
    assertThat(done.path("reason").asText()).startsWith("run budget exceeded")
        .contains("of $0.0030");
    assertThat(done.path("budget_usd").decimalValue()).isEqualByComparingTo("0.003");
    assertThat(RunLifecycleIT.node(done, "expensive").path("status").asText())
        .isNotEqualTo("completed");
    chainIntact();
  }

  @Test
  void aRunStartedThroughEngineRestWithItsOwnBudgetGetsTheWorkflowsBudget() {
    String slug = "guard-start-" + UUID.randomUUID().toString().substring(0, 6);
    var deployed = api().post("/api/workflows", Map.of("slug", slug, "spec", Map.of(
        "metadata", Map.of("name", "Tiny budget", "budget_usd", 0.002),
        "nodes", java.util.List.of(
            Map.of("id", "expensive", "type", "agent_task", "agent_type", "builder")))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

    Reply started = engine("dave", "POST",
        "/process-definition/key/" + slug + "/tenant-id/default/start",
        Map.of("variables", Map.of(
            "baton_budget_usd", Map.of("value", 1000, "type", "Double"),
            "priority", Map.of("value", 0, "type", "Integer"))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String run = started.json().path("id").asText();

    JsonNode done = api().awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("failed");
    assertThat(done.path("reason").asText()).startsWith("run budget exceeded")
        .contains("of $0.0020");
    assertThat(done.path("budget_usd").decimalValue()).isEqualByComparingTo("0.002");
    assertThat(done.path("spent_usd").decimalValue()).isZero();
    assertThat(audit(run, "engine.process_instance.create").findValuesAsText("actor"))
        .containsExactly("dave");
    chainIntact();
  }

  @Test
  void aBudgetOverrideIsDecidedOnlyByItsCandidatesWithTheFormsFields() {
    String slug = "guard-override-" + UUID.randomUUID().toString().substring(0, 6);
    String spec = ProcessTestEngine.read(ProcessTestEngine.testSpec("budget-override"));
    assertThat(api().post("/api/workflows", Map.of("slug", slug,
        "spec", ProcessTestEngine.json(spec))).status()).isEqualTo(201);
    String run = api().startRun(slug, Map.of("task", "t"));
    String task = api().awaitApproval(run, "expensive__override");
    Map<String, Object> big = Map.of("variables", Map.of(
        "decision", Map.of("value", "approve"), "comment", Map.of("value", "need it"),
        "raise_usd", Map.of("value", 1000, "type", "Double")));

    notAuthorized(engine("carol", "POST", "/task/" + task + "/submit-form", big));
    refused(engine("bob", "POST", "/task/" + task + "/submit-form", Map.of("variables", Map.of(
            "decision", Map.of("value", "approve"), "comment", Map.of("value", "x"),
            "raise_usd", Map.of("value", 2, "type", "Double"),
            "baton_budget_usd", Map.of("value", 1000, "type", "Double")))),
        "refused: [baton_budget_usd]");
    assertThat(engine("bob", "POST", "/task/" + task + "/submit-form", Map.of("variables",
        Map.of("decision", Map.of("value", "approve"), "comment", Map.of("value", "worth it"),
            "raise_usd", Map.of("value", 2, "type", "Double")))).status()).isEqualTo(204);

    JsonNode done = api().awaitEnd(run);
    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    assertThat(done.path("budget_usd").decimalValue()).isEqualByComparingTo("2.0001");
    JsonNode decided = audit(run, "budget_override.decided");
    assertThat(decided).hasSize(1);
    assertThat(decided.get(0).path("actor").asText()).isEqualTo("bob");
    assertThat(decided.get(0).path("details").path("budget_after_usd").decimalValue())
        .isEqualByComparingTo("2.0001");
    chainIntact();
  }
}
