package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.budget.BudgetReservations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hard caps hold under concurrency: 50 agent tasks in parallel (the worker runs up to 64 at
 * once) against a budget that pays for a handful. Whatever the interleaving, the run's spend in
 * the ledger never exceeds its budget, and the run stops with a budget reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetConcurrencyIT extends IntegrationTest {

  private static final int BRANCHES = 50;
  private static final BigDecimal BUDGET = new BigDecimal("0.0012");

  @Autowired
  BudgetReservations reservations;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeAll
  void deploy() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode spec = json.createObjectNode();
    spec.putObject("metadata").put("name", "Fifty at once").put("budget_usd", BUDGET);
    ArrayNode nodes = spec.putArray("nodes");
    nodes.addObject().put("id", "fan").put("type", "parallel");
    for (int i = 0; i < BRANCHES; i++) {
      ObjectNode node = nodes.addObject().put("id", "w" + i).put("type", "agent_task")
          .put("agent_type", "builder");
      node.putObject("config").put("max_tokens", 64);
      node.putArray("dependencies").add("fan");
    }
    var created = api().post("/api/workflows", Map.of("slug", "fifty-at-once", "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @RepeatedTest(3)
  void spendNeverExceedsTheBudget() {
    ApiClient api = api();
    String run = api.startRun("fifty-at-once", Map.of("task", "spend carefully"));
    JsonNode done = api.awaitRun(run, r -> r.path("status").asText().equals("failed")
        || r.path("status").asText().equals("completed"), Duration.ofSeconds(90));

    assertThat(done.path("status").asText()).as(done.path("reason").asText()).isEqualTo("failed");
    assertThat(done.path("reason").asText()).contains("budget exceeded");
    // calls that were in flight when the run stopped still settle: wait for them
    HeldReservations.awaitNone(jdbc, run);
    JsonNode cost = api.get("/api/workflows/runs/" + run + "/cost").json();
    BigDecimal spent = cost.path("total_cost_usd").decimalValue();
    int calls = cost.path("entries").size();
    System.out.printf("[budget] run %s: %d of %d calls paid, $%s of $%s%n", run, calls,
        BRANCHES, spent.toPlainString(), BUDGET.toPlainString());
    assertThat(calls).isPositive().isLessThan(BRANCHES);
    assertThat(spent).isLessThanOrEqualTo(BUDGET);
    assertThat(reservations.committed("run:" + run)).isLessThanOrEqualTo(BUDGET)
        .isEqualByComparingTo(spent);
  }
}
