package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets through the API: a workflow's daily limit stops its runs; defaults per run apply. */
class BudgetsIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private void deployChain(String slug, int length, boolean withBudget) {
    ObjectNode spec = JSON.createObjectNode();
    ObjectNode metadata = spec.putObject("metadata").put("name", slug);
    if (withBudget) {
      metadata.put("budget_usd", 1.0);
    }
    ArrayNode nodes = spec.putArray("nodes");
    for (int i = 0; i < length; i++) {
      ObjectNode node = nodes.addObject().put("id", "s" + i).put("type", "agent_task")
          .put("agent_type", "builder");
      node.putObject("config").put("max_tokens", 64);
      if (i > 0) {
        node.putArray("dependencies").add("s" + (i - 1));
      }
    }
    var created = api().post("/api/workflows", Map.of("slug", slug, "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static Map<String, Object> budget(String name, String workflowId, Object daily,
      Object perRun) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("workflow_id", workflowId);
    body.put("daily_usd", daily);
    body.put("per_run_usd", perRun);
    body.put("hard_cap", true);
    body.put("alert_threshold_percent", 80);
    return body;
  }

  @Test
  void aWorkflowsDailyLimitStopsItsRunsAndDeniesTheNext() {
    deployChain("daily-limited", 10, true);
    var created = api().post("/api/budgets", budget("daily cap", "daily-limited", 0.0015, null));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().path("id").asLong();

    ApiClient api = api();
    JsonNode first = api.awaitEnd(api.startRun("daily-limited", Map.of("task", "t")));
    assertThat(first.path("status").asText()).isEqualTo("failed");
    assertThat(first.path("reason").asText()).contains("workflow daily limit");
    assertThat(first.path("spent_usd").decimalValue()).isPositive().isLessThan(
        new java.math.BigDecimal("0.0015"));

    JsonNode second = api.awaitEnd(api.startRun("daily-limited", Map.of("task", "t")));
    assertThat(second.path("status").asText()).isEqualTo("failed");
    assertThat(second.path("failed_node").asText()).isEqualTo("s0");
    assertThat(second.path("spent_usd").decimalValue()).isZero();

    JsonNode view = api.get("/api/budgets/" + id).json();
    assertThat(view.path("current_day_spent").decimalValue())
        .isEqualByComparingTo(first.path("spent_usd").decimalValue());

    // raising the limit lets runs go on: limits are read at every check
    var raised = api.put("/api/budgets/" + id, budget("daily cap", "daily-limited", 10, null));
    assertThat(raised.status()).isEqualTo(200);
    JsonNode third = api.awaitEnd(api.startRun("daily-limited", Map.of("task", "t")));
    assertThat(third.path("status").asText()).isEqualTo("completed");
  }

  @Test
  void aWorkflowBudgetsPerRunAmountIsTheDefaultRunBudget() {
    deployChain("per-run-default", 1, false);
    assertThat(api().post("/api/budgets", budget("per run", "per-run-default", null, 0.5))
        .status()).isEqualTo(201);
    ApiClient api = api();
    JsonNode done = api.awaitEnd(api.startRun("per-run-default", Map.of("task", "t")));
    assertThat(done.path("budget_usd").decimalValue()).isEqualByComparingTo("0.5");
  }

  @Test
  void badBudgetsAreRefused() {
    Map<String, Object> neither = budget("neither", null, 1, null);
    assertThat(api().post("/api/budgets", neither).json().path("detail").asText())
        .contains("exactly one workflow");
    Map<String, Object> negative = budget("negative", "x", -1, null);
    assertThat(api().post("/api/budgets", negative).status()).isEqualTo(400);
    Map<String, Object> tenant = new HashMap<>(budget("other tenant", null, 100, null));
    tenant.put("tenant_id", "other-tenant");
    assertThat(api().post("/api/budgets", tenant).status()).isEqualTo(201);
    assertThat(api().post("/api/budgets", tenant).status()).isEqualTo(409);
    assertThat(api().get("/api/budgets/999999").status()).isEqualTo(404);
    assertThat(api().get("/api/budgets").json().findValuesAsText("name"))
        .contains("other tenant");
  }
}
