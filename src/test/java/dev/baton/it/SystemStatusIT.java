package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/system/status} as an operator reads it: the node itself seen by its
 * heartbeat, runs and approvals in flight, the agent-task queue, the models with their limits
 * and circuits, what was spent today; and only for operators.
 */
class SystemStatusIT extends IntegrationTest {

  @Test
  void anOperatorSeesThePlatformAtAGlance() {
    ApiClient alice = api("alice", "alice");
    String done = alice.startRun("diamond", Map.of("task", "status 1"));
    String waiting = alice.startRun("full-development-cycle", Map.of("task", "status 2"));
    alice.awaitApproval(waiting, "approval_gate");
    alice.awaitEnd(done);

    var reply = api("bob", "bob").get("/api/system/status");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode status = reply.json();

    JsonNode engine = status.path("engine");
    assertThat(engine.path("running").asBoolean()).isTrue();
    assertThat(engine.path("workflows").asLong()).isPositive();
    assertThat(engine.path("nodes")).isNotEmpty();
    JsonNode node = engine.path("nodes").get(0);
    assertThat(node.path("role").asText()).isEqualTo("all");
    assertThat(Duration.between(Instant.parse(node.path("last_seen").asText()), Instant.now()))
        .isLessThan(Duration.ofMinutes(1));

    JsonNode monitoring = status.path("monitoring");
    assertThat(monitoring.path("runs_in_flight").asLong()).isPositive();
    assertThat(monitoring.path("approvals_pending").asLong()).isPositive();
    assertThat(monitoring.path("runs_started_today").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(monitoring.path("runs_ended_today").asLong()).isPositive();
    assertThat(status.path("queue").has("agent_tasks_queued")).isTrue();
    assertThat(status.path("queue").has("jobs_due")).isTrue();

    assertThat(status.path("rate_limiting").findValuesAsText("model")).contains("baton-simulated");
    assertThat(status.path("cost_tracking").path("today_usd").decimalValue()).isPositive();
    assertThat(status.path("cost_tracking").path("tokens_today").asLong()).isPositive();
    assertThat(status.path("cost_tracking").has("budgets")).isTrue();

    alice.post("/api/workflows/runs/" + waiting + "/abort", Map.of("reason", "done"));
  }

  @Test
  void onlyOperatorsAndAdministrators() {
    assertThat(api("carol", "carol").get("/api/system/status").status()).isEqualTo(403);
    assertThat(api("dave", "dave").get("/api/system/status").status()).isEqualTo(403);
    assertThat(ApiClient.anonymous(port).get("/api/system/status").status()).isEqualTo(401);
    assertThat(api().get("/api/system/status").status()).isEqualTo(200);
    // another tenant's operator: nothing of the default tenant's spend
    JsonNode zoe = api("zoe", "zoe").get("/api/system/status").json();
    assertThat(zoe.path("cost_tracking").path("budgets").findValuesAsText("tenant_id"))
        .doesNotContain("default");
  }
}
