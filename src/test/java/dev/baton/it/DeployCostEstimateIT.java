package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost estimate at deploy time: returned with every deployment, a spec whose cheapest run
 * exceeds its hard budget is refused, one whose worst case does is deployed with a warning.
 * Prices of baton-simulated: $0.0005 per 1k input, $0.0015 per 1k output tokens.
 */
class DeployCostEstimateIT extends IntegrationTest {

  /** Two agent tasks in a row, 1,000 output tokens each. */
  private static Map<String, Object> spec(String name, String budget) {
    return Map.of("metadata", Map.of("name", name, "budget_usd", Double.parseDouble(budget)),
        "nodes", List.of(
            Map.of("id", "draft", "type", "agent_task", "agent_type", "docs",
                "config", Map.of("max_tokens", 1000)),
            Map.of("id", "review", "type", "agent_task", "agent_type", "qa",
                "config", Map.of("max_tokens", 1000), "dependencies", List.of("draft"))));
  }

  @Test
  void aBudgetBelowTheCheapestRunIsRefusedWithTheNumbers() {
    // cheapest run: 2 x (2,000 prompt tokens x 0.0005/1k + 1 output token) = $0.002003
    var refused = api().post("/api/workflows",
        Map.of("slug", "too-poor", "spec", spec("Too poor", "0.0015")));

    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    var error = refused.json().path("errors").get(0);
    assertThat(error.path("path").asText()).isEqualTo("$.metadata.budget_usd");
    assertThat(error.path("message").asText()).isEqualTo(
        "the cheapest possible run costs $0.0020 but the budget is $0.0015");
    assertThat(error.path("hint").asText())
        .isEqualTo("raise metadata.budget_usd or lower max_tokens");
    assertThat(api().get("/api/workflows/too-poor").status()).isEqualTo(404);
  }

  /**
   * Validate runs deploy's checks: the same errors and warnings, in the same order, with the
   * same text, at once (a misspelt model beside the budget and a missing provider key).
   */
  @Test
  void validateReportsExactlyWhatDeployRefusesWith() {
    Map<String, Object> spec = Map.of("metadata", Map.of("name", "Both", "budget_usd", 0.0015),
        "nodes", List.of(
            Map.of("id", "draft", "type", "agent_task", "agent_type", "docs",
                "config", Map.of("max_tokens", 1000, "model", "gpt-5-turbo")),
            Map.of("id", "review", "type", "agent_task", "agent_type", "qa",
                "config", Map.of("model", "claude-haiku"), "dependencies", List.of("draft"))));

    var validated = api().post("/api/workflows/validate", spec);
    var refused = api().post("/api/workflows", Map.of("slug", "both-wrong", "spec", spec));

    assertThat(validated.status()).as(validated.body()).isEqualTo(200);
    assertThat(validated.json().path("valid").asBoolean()).isFalse();
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(validated.json().path("errors")).isEqualTo(refused.json().path("errors"));
    assertThat(validated.json().path("warnings")).isEqualTo(refused.json().path("warnings"));
    assertThat(refused.json().path("errors").findValuesAsText("path"))
        .containsExactly("$.nodes[0].config.model");
    if (System.getenv("ANTHROPIC_API_KEY") == null) {
      assertThat(refused.json().path("warnings").findValuesAsText("message"))
          .anySatisfy(m -> assertThat(m).contains("ANTHROPIC_API_KEY"));
    }
  }

  @Test
  void aWorstCaseAboveTheBudgetDeploysWithAWarningAndTheEstimate() {
    // worst case: 2 x (2,000 x 0.0005/1k + 1,000 x 0.0015/1k) = $0.005
    var created = api().post("/api/workflows",
        Map.of("slug", "tight-budget", "spec", spec("Tight budget", "0.004")));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var estimate = created.json().path("estimate");
    assertThat(estimate.path("worst_case_usd").decimalValue()).isEqualByComparingTo("0.005");
    assertThat(estimate.path("critical_path_usd").decimalValue()).isEqualByComparingTo("0.005");
    assertThat(estimate.path("minimum_usd").decimalValue()).isEqualByComparingTo("0.002003");
    assertThat(estimate.path("per_node").findValuesAsText("node_id"))
        .containsExactly("draft", "review");
    assertThat(estimate.path("per_node").get(0).path("max_cost_usd").decimalValue())
        .isEqualByComparingTo("0.0025");
    var warning = created.json().path("warnings").get(0);
    assertThat(warning.path("severity").asText()).isEqualTo("warning");
    assertThat(warning.path("path").asText()).isEqualTo("$.metadata.budget_usd");
    assertThat(warning.path("message").asText()).contains("$0.0050").contains("$0.0040");
  }

  @Test
  void aBudgetAboveTheWorstCaseDeploysWithoutWarning() {
    var created = api().post("/api/workflows",
        Map.of("slug", "ample-budget", "spec", spec("Ample budget", "1.0")));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("warnings").findValuesAsText("path"))
        .doesNotContain("$.metadata.budget_usd");
    assertThat(created.json().path("estimate").path("worst_case_usd").decimalValue())
        .isEqualByComparingTo("0.005");
  }
}
