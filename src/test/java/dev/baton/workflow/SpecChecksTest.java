package dev.baton.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.budget.CostFormula;
import dev.baton.llm.LlmProperties;
import dev.baton.llm.ModelPrices;
import dev.baton.registry.DefaultAgents;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecProblem;
import dev.baton.spec.SpecReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one check pipeline: every error and warning in one list, whatever stage found it, in one
 * order; missing provider keys named; a budget the cheapest run exceeds is an error like any
 * other. (On the old main, an unknown model was reported only once the spec had no other
 * error, a missing key not at all, and the budget refusal came apart from the list.)
 */
class SpecChecksTest {

  private static final ModelPrices.Price SIMULATED = new ModelPrices.Price(
      new BigDecimal("0.0005"), new BigDecimal("0.0015"), null);
  private static final ModelPrices.Price GPT = new ModelPrices.Price(
      new BigDecimal("0.0025"), new BigDecimal("0.01"), null);

  private static LlmProperties llm(String defaultModel) {
    return new LlmProperties(defaultModel, 1024, new LlmProperties.Simulated(0), Map.of(),
        Map.of("openai", new LlmProperties.Provider("openai", null, "OPENAI_API_KEY", null, null,
            null, null)),
        Map.of("baton-simulated", model("simulated", SIMULATED),
            "gpt-4o", model("openai", GPT)), 2);
  }

  private static LlmProperties.Model model(String provider, ModelPrices.Price price) {
    return new LlmProperties.Model(provider, null, null, null, null, null, null, null, null,
        price);
  }

  private static SpecChecks checks(String defaultModel, Map<String, String> environment) {
    LlmProperties llm = llm(defaultModel);
    ModelPrices prices = new ModelPrices(Map.of("baton-simulated", SIMULATED, "gpt-4o", GPT),
        1024);
    return new SpecChecks(new SpecReader(AgentTypes.BUILT_IN), llm,
        new CostFormula(prices, defaultModel), environment::get, Path.of("processes/prompts"),
        true);
  }

  private static SpecChecks.Report check(SpecChecks checks, String json) {
    return checks.check(json, DefaultAgents::profiles);
  }

  @Test
  void anUnknownModelIsReportedWithTheSpecsOwnErrorsInOneRound() {
    SpecChecks.Report report = check(checks("baton-simulated", Map.of()), """
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "planner",
           "config": {"model": "gpt-5-turbo"}},
          {"id": "b", "type": "agent_task", "agent_type": "planner", "dependencies": ["nope"]}]}
        """);

    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).extracting(SpecProblem::path)
        .contains("$.nodes[0].config.model", "$.nodes[1].dependencies[0]");
    assertThat(report.errors()).filteredOn(p -> p.path().equals("$.nodes[0].config.model"))
        .singleElement().satisfies(p -> assertThat(p.message())
            .isEqualTo("unknown model 'gpt-5-turbo'"));
  }

  @Test
  void aFallbackModelIsCheckedLikeTheModel() {
    SpecChecks.Report report = check(checks("baton-simulated", Map.of()), """
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "planner",
           "config": {"fallback_model": "gpt-4"}},
          {"id": "b", "type": "agent_task", "agent_type": "planner", "dependencies": ["a"],
           "config": {"fallback_model": "gpt-4o"}}]}
        """);

    assertThat(report.errors()).extracting(SpecProblem::path)
        .containsExactly("$.nodes[0].config.fallback_model");
    assertThat(report.warnings()).extracting(SpecProblem::path)
        .contains("$.nodes[1].config.fallback_model");
  }

  @Test
  void aModelWhoseKeyIsMissingIsAWarningNamingTheVariable() {
    String spec = """
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "planner",
           "config": {"model": "gpt-4o"}},
          {"id": "b", "type": "agent_task", "agent_type": "planner", "dependencies": ["a"]}]}
        """;

    SpecChecks.Report without = check(checks("baton-simulated", Map.of()), spec);
    assertThat(without.valid()).isTrue();
    assertThat(without.warnings()).singleElement().satisfies(w -> {
      assertThat(w.path()).isEqualTo("$.nodes[0].config.model");
      assertThat(w.message()).contains("'gpt-4o'").contains("OPENAI_API_KEY")
          .contains("not set");
    });

    assertThat(check(checks("baton-simulated", Map.of("OPENAI_API_KEY", "sk-test")), spec)
        .warnings()).isEmpty();
  }

  @Test
  void theDefaultModelsKeyIsCheckedForNodesThatNameNoModel() {
    SpecChecks.Report report = check(checks("gpt-4o", Map.of()), """
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "planner"}]}
        """);

    assertThat(report.warnings()).extracting(SpecProblem::message)
        .anySatisfy(m -> assertThat(m).contains("'gpt-4o'").contains("OPENAI_API_KEY"));
  }

  @Test
  void aBudgetBelowTheCheapestRunIsAnErrorBesideTheOthers() {
    SpecChecks.Report report = check(checks("baton-simulated", Map.of()), """
        {"metadata": {"name": "t", "budget_usd": 0.0001}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "planner",
           "config": {"model": "gpt-4o", "temprature": 1}}]}
        """);

    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("$.metadata.budget_usd");
      assertThat(e.message()).startsWith("the cheapest possible run costs $");
    });
    // the warnings come with it: the unused config key and the missing key
    assertThat(report.warnings()).extracting(SpecProblem::path)
        .containsExactly("$.nodes[0].config.temprature", "$.nodes[0].config.model");
    // errors first, then warnings
    assertThat(report.problems().get(0).isError()).isTrue();
  }

  @Test
  void aSampleIsCheckedWithItsBudgetWarning() throws Exception {
    SpecChecks.Report report = check(checks("baton-simulated", Map.of()),
        Files.readString(Path.of("processes/long-report.json")));

    assertThat(report.valid()).isTrue();
    assertThat(report.warnings()).extracting(SpecProblem::path)
        .contains("$.metadata.budget_usd");
    assertThat(report.estimate().worstCaseTotalUsd()).isPositive();
  }

  @Test
  void theModelANodeWillUseIsPricedTheNodesThenTheDefault() {
    SpecChecks.Report report = check(checks("gpt-4o", Map.of("OPENAI_API_KEY", "k")), """
        {"metadata": {"name": "t"}, "nodes": [
          {"id": "a", "type": "agent_task", "agent_type": "planner",
           "config": {"model": "baton-simulated", "max_tokens": 100}},
          {"id": "b", "type": "agent_task", "agent_type": "planner",
           "config": {"max_tokens": 100}, "dependencies": ["a"]}]}
        """);

    assertThat(report.estimate().perNode()).extracting(n -> n.model())
        .containsExactly("baton-simulated", "gpt-4o");
    // b: 2,000 prompt tokens at $0.0025/1k + 100 output at $0.01/1k
    assertThat(report.estimate().perNode().get(1).maxCallUsd()).isEqualByComparingTo("0.006");
    assertThat(List.of(report.estimate().perNode().get(0).maxCallUsd()))
        .allSatisfy(c -> assertThat(c).isEqualByComparingTo("0.00115"));
  }
}
