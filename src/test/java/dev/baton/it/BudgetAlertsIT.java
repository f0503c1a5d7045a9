package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ALERT decisions notify once per threshold crossing, however many checks see it: once per run
 * for the run's alert threshold, once per day for a workflow's soft daily limit across runs;
 * each alert counts in the metric {@code baton.budget.alerts}.
 */
class BudgetAlertsIT extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  MeterRegistry meters;

  private void deployChain(String slug, int length, double budgetUsd) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", slug).put("budget_usd", budgetUsd);
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

  private double alerts(String limit, String workflow) {
    Counter counter = meters.find("baton.budget.alerts").tag("limit", limit)
        .tag("workflow", workflow).counter();
    return counter == null ? 0 : counter.count();
  }

  private List<String> alertedRuns(String alertOn, String workflow) {
    return jdbc.queryForList("SELECT run_id FROM baton_budget_alert WHERE alert_on = ? "
        + "AND workflow_id = ?", String.class, alertOn, workflow);
  }

  /** A fan-out to three agents: their three budget checks run at about the same time. */
  private void deployFanOut(String slug, double budgetUsd) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", slug).put("budget_usd", budgetUsd);
    ArrayNode nodes = spec.putArray("nodes");
    nodes.addObject().put("id", "fan").put("type", "parallel");
    for (String id : List.of("a", "b", "c")) {
      ObjectNode node = nodes.addObject().put("id", id).put("type", "agent_task")
          .put("agent_type", "builder");
      node.putObject("config").put("max_tokens", 16);
      node.putArray("dependencies").add("fan");
    }
    var created = api().post("/api/workflows", Map.of("slug", slug, "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @Test
  void theRunsAlertThresholdAlertsOncePerRunThoughEveryCheckIsPastIt() {
    // each check estimates ~$0.00102 (2,000 prompt tokens assumed, 16 output) against $0.0012:
    // 85 %, past the 80 % threshold, three times; the calls themselves cost far less
    deployFanOut("alert-threshold", 0.0012);
    ApiClient api = api();
    String run = api.startRun("alert-threshold", Map.of("task", "t"));
    var done = api.awaitEnd(run);

    assertThat(done.path("status").asText()).as(done.toPrettyString()).isEqualTo("completed");
    assertThat(alertedRuns("run budget threshold", "alert-threshold")).containsExactly(run);
    assertThat(alerts("run budget threshold", "alert-threshold")).isEqualTo(1.0);
  }

  @Test
  void aWorkflowsSoftDailyLimitAlertsOnceADayAcrossRuns() {
    deployChain("soft-daily", 2, 1.0);
    Map<String, Object> budget = new HashMap<>();
    budget.put("name", "soft daily");
    budget.put("workflow_id", "soft-daily");
    budget.put("daily_usd", 0.0001);
    budget.put("hard_cap", false);
    assertThat(api().post("/api/budgets", budget).status()).isEqualTo(201);

    ApiClient api = api();
    for (int i = 0; i < 2; i++) {
      var done = api.awaitEnd(api.startRun("soft-daily", Map.of("task", "t" + i)));
      assertThat(done.path("status").asText()).as("a soft cap only alerts")
          .isEqualTo("completed");
    }
    assertThat(alertedRuns("workflow daily limit", "soft-daily")).hasSize(1);
    assertThat(alerts("workflow daily limit", "soft-daily")).isEqualTo(1.0);
    assertThat(jdbc.queryForObject("SELECT crossing_key FROM baton_budget_alert "
        + "WHERE workflow_id = 'soft-daily'", String.class))
        .matches("workflow:soft-daily:day:\\d{4}-\\d{2}-\\d{2}");
  }
}
