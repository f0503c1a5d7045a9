package dev.baton.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * The caching FEEL engine answers exactly as Camunda's: the whole budget table over a grid of
 * facts, cell by cell for literals against inputs of other types and null, and the same failure
 * for an expression that does not parse or evaluate.
 */
class CachingFeelEngineTest {

  private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
  private final CachingFeelEngine caching = new CachingFeelEngine(List.of());

  @Test
  void theBudgetTableDecidesTheSameOverAGridOfFacts() throws IOException {
    DmnEngine plain = engine(false);
    DmnEngine cached = engine(true);
    DmnDecision plainDecision = decision(plain);
    DmnDecision cachedDecision = decision(cached);
    List<VariableMap> grid = grid();
    int compared = 0;
    for (int pass = 0; pass < 2; pass++) { // the second pass runs from the caches
      for (VariableMap facts : grid) {
        Map<String, Object> expected = plain.evaluateDecision(plainDecision, facts)
            .getSingleResult().getEntryMap();
        Map<String, Object> actual = cached.evaluateDecision(cachedDecision, facts)
            .getSingleResult().getEntryMap();
        assertThat(actual).as("facts %s", facts).isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(2 * grid.size()).isGreaterThan(1000);
  }

  @Test
  void literalCellsAgreeWithFeelForEveryKindOfInput() {
    List<String> cells = List.of("true", "false", "\"run budget\"", "\"\"", " true ",
        "\"a, b\"", "\"none\"", "\"true\"");
    List<Object> inputs = new ArrayList<>(List.of(true, false, "run budget", "", "none",
        "true", "a, b", 1.5, 0));
    inputs.add(null);
    for (String cell : cells) {
      for (Object input : inputs) {
        VariableContext context = Variables.createVariables().putValue("cellInput", input)
            .asVariableContext();
        Object expected = outcome(() -> camunda.evaluateSimpleUnaryTests(cell, "cellInput",
            context));
        Object actual = outcome(() -> caching.evaluateSimpleUnaryTests(cell, "cellInput",
            context));
        assertThat(actual).as("%s against %s", cell, input).isEqualTo(expected);
      }
      VariableContext none = Variables.createVariables().asVariableContext();
      assertThat(caching.<Object>evaluateSimpleExpression(cell, none))
          .as("%s as an expression", cell)
          .isEqualTo(camunda.evaluateSimpleExpression(cell, none));
    }
  }

  @Test
  void booleanChecksAgreeWithFeelForEveryKindOfValue() {
    List<String> checks = List.of("hardCap != false", "hardCap = true", " hardCap=false ",
        "hardCap != true", "hardCap = null", "hardCap != false and true", "true = hardCap");
    List<Object> values = new ArrayList<>(List.of(true, false, "true", "false", 1, 0.0));
    values.add(null);
    for (String check : checks) {
      for (Object value : values) {
        VariableContext context = Variables.createVariables().putValue("hardCap", value)
            .asVariableContext();
        assertThat(outcome(() -> caching.<Object>evaluateSimpleExpression(check, context)))
            .as("%s with hardCap = %s", check, value)
            .isEqualTo(outcome(() -> camunda.evaluateSimpleExpression(check, context)));
      }
      VariableContext none = Variables.createVariables().asVariableContext();
      assertThat(outcome(() -> caching.<Object>evaluateSimpleExpression(check, none)))
          .as("%s without hardCap", check)
          .isEqualTo(outcome(() -> camunda.evaluateSimpleExpression(check, none)));
    }
  }

  @Test
  void expressionsAreParsedOnceAndStillSeeTheirVariables() {
    String cell = ">= alertThresholdPercent";
    for (double used : new double[] {10, 79.9, 80, 150}) {
      VariableContext context = Variables.createVariables().putValue("cellInput", used)
          .putValue("alertThresholdPercent", 80.0).asVariableContext();
      assertThat(caching.evaluateSimpleUnaryTests(cell, "cellInput", context))
          .isEqualTo(camunda.evaluateSimpleUnaryTests(cell, "cellInput", context))
          .isEqualTo(used >= 80);
    }
  }

  @Test
  void brokenExpressionsFailAsInCamunda() {
    VariableContext context = Variables.createVariables().putValue("cellInput", 1)
        .asVariableContext();
    for (String broken : List.of(">= (", "\"open", "unknownFunction(1) > 2 and")) {
      Throwable expected = catchThrowable(() -> camunda.evaluateSimpleUnaryTests(broken,
          "cellInput", context));
      assertThat(expected).as(broken).isInstanceOf(FeelException.class);
      assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests(broken, "cellInput", context))
          .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
    }
    Throwable expected = catchThrowable(() -> camunda.evaluateSimpleExpression(
        "1 + {}", Variables.createVariables().asVariableContext()));
    Throwable actual = catchThrowable(() -> caching.evaluateSimpleExpression(
        "1 + {}", Variables.createVariables().asVariableContext()));
    assertThat(actual == null ? null : actual.getMessage())
        .isEqualTo(expected == null ? null : expected.getMessage());
  }

  /** Run, workflow and tenant spend around their limits, soft or hard, with or without override. */
  private static List<VariableMap> grid() {
    List<VariableMap> grid = new ArrayList<>();
    Double[] limits = {null, 1.0, 5.0};
    double[] spent = {0.0, 0.7, 0.95, 4.99};
    Boolean[] hard = {true, false, null};
    for (Double runBudget : limits) {
      for (double runSpent : spent) {
        for (Double daily : limits) {
          for (Double monthly : limits) {
            for (Boolean hardCap : hard) {
              for (boolean override : new boolean[] {false, true}) {
                grid.add(Variables.createVariables()
                    .putValue("runSpentUsd", runSpent).putValue("runBudgetUsd", runBudget)
                    .putValue("estimatedCostUsd", 0.02)
                    .putValue("workflowSpentTodayUsd", runSpent)
                    .putValue("workflowDailyLimitUsd", daily)
                    .putValue("workflowSpentMonthUsd", runSpent * 3)
                    .putValue("workflowMonthlyLimitUsd", monthly)
                    .putValue("tenantSpentTodayUsd", runSpent)
                    .putValue("tenantDailyLimitUsd", daily)
                    .putValue("tenantSpentMonthUsd", runSpent * 2)
                    .putValue("tenantMonthlyLimitUsd", monthly)
                    .putValue("hardCap", hardCap).putValue("alertThresholdPercent", 80.0)
                    .putValue("overrideByApproval", override));
              }
            }
          }
        }
      }
    }
    return grid;
  }

  private static DmnEngine engine(boolean cachingFeel) {
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration)
        DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (cachingFeel) {
      configuration.setFeelEngineFactory(new CachingFeelEngineFactory(configuration));
    }
    return configuration.buildEngine();
  }

  private static DmnDecision decision(DmnEngine engine) throws IOException {
    try (InputStream dmn = Files.newInputStream(Path.of("processes/baton-budget-check.dmn"))) {
      return engine.parseDecision("baton-budget-check", dmn);
    }
  }

  private static Object outcome(java.util.concurrent.Callable<Object> evaluation) {
    try {
      return evaluation.call();
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
