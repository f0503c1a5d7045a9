package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * One cost rule: with a priced default model ({@code baton.llm.default-model}) and a node that
 * names no model but whose registry agent sets {@code max_tokens}, the deploy-time estimate,
 * the budget table's {@code estimatedCostUsd} and the reservation before the call all price
 * the same model with the same output limit. The default model charges for output only, so
 * the three amounts are equal whatever the prompt: 300 tokens at $1 per 1k = $0.30. (On the
 * old main the estimate and the table priced baton-simulated with 1,024 tokens while the
 * reservation used the default model.)
 */
@TestPropertySource(properties = {
    "baton.llm.default-model=priced-default",
    "baton.llm.models.priced-default.provider=simulated",
    "baton.llm.models.priced-default.prices.input-per-1k=0",
    "baton.llm.models.priced-default.prices.output-per-1k=1.0"})
class CostAgreementIT extends IntegrationTest {

  @Autowired
  HistoryService history;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void estimateBudgetCheckAndReservationPriceTheModelTheNodeWillUse() {
    Map<String, Object> agent = new HashMap<>();
    agent.put("slug", "three-hundred");
    agent.put("title", "Writes 300 tokens at most");
    agent.put("type", "docs");
    agent.put("capabilities", List.of("documentation"));
    agent.put("config", Map.of("max_tokens", 300));
    var registered = api().post("/api/agents", agent);
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);

    var deployed = api().post("/api/workflows", Map.of("slug", "cost-agreement", "spec",
        Map.of("metadata", Map.of("name", "Cost agreement", "budget_usd", 0.3),
            "nodes", List.of(Map.of("id", "write", "type", "agent_task", "agent_type", "docs",
                "config", Map.of("agent", "three-hundred"))))));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    BigDecimal estimate = deployed.json().at("/estimate/per_node/0/max_cost_usd")
        .decimalValue();

    String run = api().startRun("cost-agreement", Map.of("task", "agree"));
    assertThat(api().awaitEnd(run).path("status").asText()).isEqualTo("completed");

    // the budget is the worst case itself, so the check decides ALERT (100% of the budget),
    // which the decision history records with its inputs (an ALLOW it would not)
    var decisions = history.createHistoricDecisionInstanceQuery()
        .processInstanceId(run).includeInputs().includeOutputs().list();
    assertThat(decisions).singleElement().satisfies(d -> assertThat(d.getOutputs())
        .extracting(o -> o.getVariableName() + "=" + o.getValue()).contains("decision=ALERT"));
    List<HistoricDecisionInputInstance> inputs = decisions.stream()
        .flatMap(d -> d.getInputs().stream()).toList();
    // the table's "run budget used with the next task": (spent 0 + estimate) / budget 0.3
    BigDecimal percent = inputs.stream()
        .filter(i -> "input-run-percent".equals(i.getClauseId()))
        .map(i -> new BigDecimal(String.valueOf(i.getValue()))).findFirst()
        .orElseThrow(() -> new AssertionError("no run percent among " + inputs.stream()
            .map(i -> i.getClauseId() + "=" + i.getValue()).toList()));
    BigDecimal checked = percent.multiply(new BigDecimal("0.3")).divide(new BigDecimal("100"));
    BigDecimal reserved = jdbc.queryForObject(
        "SELECT amount_usd FROM baton_budget_reservation WHERE run_id = ?", BigDecimal.class,
        run);

    assertThat(estimate).isEqualByComparingTo("0.3");
    assertThat(checked).isEqualByComparingTo("0.3");
    assertThat(reserved).isEqualByComparingTo("0.3");
  }
}
