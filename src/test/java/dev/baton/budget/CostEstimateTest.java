package dev.baton.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.llm.ModelPrices;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import dev.baton.spec.SpecReport;
import dev.baton.spec.WorkflowSpec;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

  /** "cheap": $1 per 1k input, $2 per 1k output: a call with max_tokens 500 costs at most $3. */
  private static final ModelPrices PRICES = new ModelPrices(Map.of(
      "cheap", new ModelPrices.Price(new BigDecimal("1"), new BigDecimal("2"), null),
      "big", new ModelPrices.Price(new BigDecimal("0"), new BigDecimal("10"), null),
      "baton-simulated",
      new ModelPrices.Price(new BigDecimal("0.0005"), new BigDecimal("0.0015"), null)), 1024);

  private static final CostFormula FORMULA = new CostFormula(PRICES, "baton-simulated");

  private final SpecReader reader = new SpecReader(AgentTypes.BUILT_IN);

  private WorkflowSpec spec(String nodes, String edges) {
    SpecReport report = reader.read("{\"metadata\":{\"name\":\"t\"},\"nodes\":[" + nodes
        + "],\"edges\":[" + edges + "]}");
    assertThat(report.errors()).isEmpty();
    return report.orThrow();
  }

  private static String agent(String id, int maxTokens, String... deps) {
    return "{\"id\":\"" + id + "\",\"type\":\"agent_task\",\"agent_type\":\"custom\","
        + "\"config\":{\"model\":\"cheap\",\"max_tokens\":" + maxTokens + "}"
        + deps(deps) + "}";
  }

  private static String deps(String... deps) {
    return deps.length == 0 ? "" : ",\"dependencies\":[\"" + String.join("\",\"", deps) + "\"]";
  }

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  @Test
  void chainCountsEveryNodeOnceAndItsMinimumIsOneShortCallEach() {
    CostEstimate e = CostEstimate.of(spec(agent("a", 500) + "," + agent("b", 1000, "a"), ""),
        FORMULA);

    // a: 2,000 prompt tokens at $1/1k + 500 output at $2/1k = $3; b: $2 + $2 = $4
    assertThat(e.perNode()).extracting(CostEstimate.NodeCost::maxCostUsd)
        .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .containsExactly(usd("3"), usd("4"));
    assertThat(e.worstCaseTotalUsd()).isEqualByComparingTo("7");
    assertThat(e.criticalPathUsd()).isEqualByComparingTo("7");
    // each call with the prompt allowance and one output token: $2.002
    assertThat(e.minimumUsd()).isEqualByComparingTo("4.004");
  }

  @Test
  void diamondCriticalPathTakesTheDearerBranchWhileTheTotalCountsBoth() {
    CostEstimate e = CostEstimate.of(spec(String.join(",",
        agent("s", 500),
        "{\"id\":\"p\",\"type\":\"parallel\",\"dependencies\":[\"s\"]}",
        agent("x", 500, "p"),
        agent("y", 1000, "p"),
        agent("j", 500, "x", "y")), ""), FORMULA);

    assertThat(e.worstCaseTotalUsd()).isEqualByComparingTo("13"); // 3 + 0 + 3 + 4 + 3
    assertThat(e.criticalPathUsd()).isEqualByComparingTo("10"); // s, p, y, j
    assertThat(e.minimumUsd()).isEqualByComparingTo("6.006"); // s, p, x, j: three calls
    assertThat(e.perNode().get(1).maxCostUsd()).isEqualByComparingTo("0");
  }

  @Test
  void loopWithMaxIterationsCountsItsNodesNPlusOneTimes() {
    CostEstimate e = CostEstimate.of(spec(String.join(",",
        agent("plan", 500),
        agent("build", 500, "plan"),
        agent("qa", 500, "build"),
        "{\"id\":\"check\",\"type\":\"condition\",\"config\":{\"max_iterations\":2},"
            + "\"dependencies\":[\"qa\"]}",
        agent("ship", 500)),
        "{\"from\":\"check\",\"to\":\"build\",\"condition\":{\"field\":\"qa.output.passed\","
            + "\"operator\":\"==\",\"value\":false}},"
            + "{\"from\":\"check\",\"to\":\"ship\",\"condition\":\"default\"}"), FORMULA);

    assertThat(e.perNode()).extracting(CostEstimate.NodeCost::nodeId,
            CostEstimate.NodeCost::maxRuns)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("plan", 1),
            org.assertj.core.groups.Tuple.tuple("build", 3),
            org.assertj.core.groups.Tuple.tuple("qa", 3),
            org.assertj.core.groups.Tuple.tuple("check", 0),
            org.assertj.core.groups.Tuple.tuple("ship", 1));
    assertThat(e.worstCaseTotalUsd()).isEqualByComparingTo("24"); // 3 + 9 + 9 + 3
    assertThat(e.criticalPathUsd()).isEqualByComparingTo("24");
    assertThat(e.minimumUsd()).isEqualByComparingTo("8.008"); // once round the loop
  }

  @Test
  void maxTokensDefaultAndModelPricesDecide() {
    CostEstimate e = CostEstimate.of(spec(String.join(",",
        "{\"id\":\"a\",\"type\":\"agent_task\",\"agent_type\":\"docs\"}",
        "{\"id\":\"b\",\"type\":\"agent_task\",\"agent_type\":\"docs\","
            + "\"config\":{\"model\":\"big\",\"max_tokens\":100},\"dependencies\":[\"a\"]}",
        "{\"id\":\"c\",\"type\":\"agent_task\",\"agent_type\":\"docs\","
            + "\"config\":{\"model\":\"unpriced\"},\"dependencies\":[\"b\"]}"), ""), FORMULA);

    // a: baton-simulated, default 1,024 output tokens: 2 x 0.0005 + 1.024 x 0.0015
    assertThat(e.perNode().get(0).model()).isEqualTo("baton-simulated");
    assertThat(e.perNode().get(0).maxCostUsd()).isEqualByComparingTo("0.002536");
    // b: input free, 100 output tokens at $10/1k
    assertThat(e.perNode().get(1).maxCostUsd()).isEqualByComparingTo("1");
    assertThat(e.perNode().get(1).minCallUsd()).isEqualByComparingTo("0.01");
    // an unpriced model costs nothing, as at run time
    assertThat(e.perNode().get(2).maxCostUsd()).isEqualByComparingTo("0");
    assertThat(e.worstCaseTotalUsd()).isEqualByComparingTo("1.002536");
  }

  @Test
  void gatesAndConditionsCostNothing() {
    CostEstimate e = CostEstimate.of(spec(String.join(",",
        "{\"id\":\"gate\",\"type\":\"approval_gate\",\"config\":{\"approvers\":[\"alice\"]}}",
        "{\"id\":\"route\",\"type\":\"condition\",\"dependencies\":[\"gate\"]}",
        agent("a", 500, "route")), ""), FORMULA);

    assertThat(e.perNode().get(0).maxCostUsd()).isEqualByComparingTo("0");
    assertThat(e.perNode().get(1).maxCostUsd()).isEqualByComparingTo("0");
    assertThat(e.worstCaseTotalUsd()).isEqualByComparingTo("3");
    assertThat(e.criticalPathUsd()).isEqualByComparingTo("3");
    assertThat(e.minimumUsd()).isEqualByComparingTo("2.002");
  }

  @Test
  void cheapestRunTakesTheCheaperBranchOfACondition() {
    CostEstimate e = CostEstimate.of(spec(String.join(",",
        agent("a", 500),
        "{\"id\":\"route\",\"type\":\"condition\",\"dependencies\":[\"a\"]}",
        agent("long", 1000),
        agent("short", 1)),
        "{\"from\":\"route\",\"to\":\"long\",\"condition\":{\"field\":\"a.output.big\","
            + "\"operator\":\"==\",\"value\":true}},"
            + "{\"from\":\"route\",\"to\":\"short\",\"condition\":\"default\"}"), FORMULA);

    assertThat(e.criticalPathUsd()).isEqualByComparingTo("7"); // a, long
    assertThat(e.minimumUsd()).isEqualByComparingTo("4.004"); // a, short
    assertThat(e.worstCaseTotalUsd()).isEqualByComparingTo("9.002");
  }

  @Test
  void moneyInMessagesShowsWholeCentsOrFourDecimals() {
    assertThat(CostEstimate.usd(new BigDecimal("5"))).isEqualTo("5.00");
    assertThat(CostEstimate.usd(new BigDecimal("4.98"))).isEqualTo("4.98");
    assertThat(CostEstimate.usd(BigDecimal.ZERO)).isEqualTo("0.00");
    assertThat(CostEstimate.usd(new BigDecimal("0.0048"))).isEqualTo("0.0048");
    assertThat(CostEstimate.usd(new BigDecimal("0.00102"))).isEqualTo("0.0010");
    assertThat(CostEstimate.usd(new BigDecimal("1.005"))).isEqualTo("1.0050");
    // never rounded down to zero
    assertThat(CostEstimate.usd(new BigDecimal("0.000012"))).isEqualTo("0.000012");
  }
}
