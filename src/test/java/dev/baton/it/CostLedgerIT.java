package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every model call lands in the cost ledger at the catalogue's prices, exactly; the run's cost
 * breakdown and status agree with it; the budget check's facts are never stored.
 */
class CostLedgerIT extends IntegrationTest {

  /** The counter of ALLOW checks kept out of the decision history (docs/budgets.md). */
  private static final String UNRECORDED = "baton.budget.checks.unrecorded";

  // application.yml: baton-simulated costs $0.0005 / $0.0015 per 1,000 input / output tokens
  private static final BigDecimal INPUT_PER_1K = new BigDecimal("0.0005");
  private static final BigDecimal OUTPUT_PER_1K = new BigDecimal("0.0015");

  @Autowired
  HistoryService history;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  MeterRegistry meters;

  @Test
  void ledgerCostIsUsageTimesPricesAndTheBreakdownAddsUp() {
    ApiClient api = api();
    String run = api.startRun("diamond", Map.of("task", "price every call"));
    JsonNode done = api.awaitEnd(run);
    assertThat(done.path("status").asText()).isEqualTo("completed");

    JsonNode cost = api.get("/api/workflows/runs/" + run + "/cost").json();
    JsonNode entries = cost.path("entries");
    assertThat(entries).hasSize(5);
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode entry : entries) {
      long in = entry.at("/tokens/input").asLong();
      long out = entry.at("/tokens/output").asLong();
      BigDecimal expected = INPUT_PER_1K.multiply(BigDecimal.valueOf(in))
          .add(OUTPUT_PER_1K.multiply(BigDecimal.valueOf(out)))
          .divide(BigDecimal.valueOf(1000), MathContext.DECIMAL64);
      BigDecimal recorded = entry.path("cost_usd").decimalValue();
      assertThat(recorded).as(entry.toString()).isEqualByComparingTo(expected);
      // the node's own output reports the same usage and cost
      JsonNode output = RunLifecycleIT.node(done, entry.path("node_id").asText()).path("output");
      assertThat(output.at("/usage/input_tokens").asLong()).isEqualTo(in);
      assertThat(output.at("/usage/output_tokens").asLong()).isEqualTo(out);
      assertThat(output.path("cost_usd").decimalValue()).isEqualByComparingTo(recorded);
      total = total.add(recorded);
    }
    assertThat(total).isPositive();
    assertThat(cost.path("total_cost_usd").decimalValue()).isEqualByComparingTo(total);
    assertThat(cost.path("budget_usd").decimalValue()).isEqualByComparingTo("2.0");
    assertThat(done.path("spent_usd").decimalValue()).isEqualByComparingTo(total);

    JsonNode agents = cost.at("/breakdown/agent_costs");
    assertThat(agents.findValuesAsText("agent_type"))
        .containsExactlyInAnyOrder("planner", "builder", "qa", "docs");
    JsonNode builder = find(agents, "builder");
    assertThat(builder.path("task_count").asLong()).isEqualTo(2);
    assertThat(builder.path("avg_cost_per_task").decimalValue().multiply(BigDecimal.valueOf(2)))
        .isEqualByComparingTo(builder.path("total_cost").decimalValue());
  }

  @Test
  void budgetCheckLeavesEvidenceOfItsAllowButNotItsFacts() {
    ApiClient api = api();
    double allowedBefore =
        meters.counter(UNRECORDED, "decision", "ALLOW").count();
    String run = api.startRun("diamond", Map.of("task", "facts stay transient"));
    api.awaitEnd(run);

    // an ALLOW is not in Camunda's decision history (AllowedChecksOutOfHistory; a DENY, an
    // ALERT or an approval is: BudgetIT, BudgetAlertIT): the check ran and ended, the agent
    // task ran after it, its call was reserved against the run's budget, and it was counted
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(run)
        .activityIdIn("a__budget").count()).isZero();
    var check = history.createHistoricActivityInstanceQuery().processInstanceId(run)
        .activityId("a__budget").singleResult();
    assertThat(check.getEndTime()).isNotNull();
    var task = history.createHistoricActivityInstanceQuery().processInstanceId(run)
        .activityId("a").singleResult();
    assertThat(task.getStartTime()).isAfterOrEqualTo(check.getEndTime());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM baton_budget_reservation "
        + "WHERE run_id = ? AND node_id = 'a' AND status = 'settled'", Integer.class, run))
        .isEqualTo(1);
    assertThat(meters.counter(UNRECORDED, "decision", "ALLOW").count())
        .isGreaterThanOrEqualTo(allowedBefore + 5);
    var variables = history.createHistoricVariableInstanceQuery().processInstanceId(run).list();
    assertThat(variables).extracting(v -> v.getName())
        .doesNotContain("a__budget", "runSpentUsd", "estimatedCostUsd", "runBudgetUsd");
    assertThat(api.get("/api/workflows/runs/nope/cost").status()).isEqualTo(404);
  }

  private static JsonNode find(JsonNode array, String agentType) {
    for (JsonNode item : array) {
      if (agentType.equals(item.path("agent_type").asText())) {
        return item;
      }
    }
    throw new AssertionError("no " + agentType + " in " + array);
  }
}
