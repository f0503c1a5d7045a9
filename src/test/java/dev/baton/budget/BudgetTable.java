package dev.baton.budget;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The budget decision table (processes/baton-budget-check.dmn) on the real Camunda DMN engine,
 * with FEEL (feel-scala) as in the process engine. Records which rules matched so that a test
 * can name the rule it meant to hit.
 */
final class BudgetTable {

  static final Path DMN = Path.of("processes/baton-budget-check.dmn");
  static final String DECISION = "baton-budget-check";

  /** What the table decided and which rule (hit policy FIRST: exactly one) decided it. */
  record Verdict(String decision, String reason, List<String> matchedRules) {
    String rule() {
      return matchedRules.size() == 1 ? matchedRules.get(0) : String.valueOf(matchedRules);
    }
  }

  private final DmnDecision decision;
  private final DmnEngine engine;
  private final List<String> matched = new ArrayList<>();

  private BudgetTable(String xml) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(this::record));
    engine = configuration.buildEngine();
    decision = engine.parseDecision(DECISION,
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static BudgetTable fromFile() {
    return fromXml(xml());
  }

  static BudgetTable fromXml(String xml) {
    return new BudgetTable(xml);
  }

  static String xml() {
    try {
      return Files.readString(DMN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream stream() {
    return new ByteArrayInputStream(xml().getBytes(StandardCharsets.UTF_8));
  }

  private void record(DmnDecisionTableEvaluationEvent event) {
    matched.clear();
    for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
      matched.add(rule.getId());
    }
  }

  Verdict evaluate(Inputs inputs) {
    return evaluate(inputs.variables());
  }

  synchronized Verdict evaluate(VariableMap variables) {
    matched.clear();
    DmnDecisionResultEntries row = engine.evaluateDecision(decision, variables).getSingleResult();
    return new Verdict(row.getEntry("decision"), row.getEntry("reason"), List.copyOf(matched));
  }

  /**
   * The variables of the contract, with defaults for an ordinary run: nothing spent, no limits,
   * hard cap, alert at 80 %, no override by approval.
   */
  static Inputs inputs() {
    return new Inputs();
  }

  static final class Inputs {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Inputs() {
      values.put("runSpentUsd", 0.0);
      values.put("runBudgetUsd", null);
      values.put("estimatedCostUsd", 0.0);
      values.put("workflowSpentTodayUsd", 0.0);
      values.put("workflowDailyLimitUsd", null);
      values.put("workflowSpentMonthUsd", 0.0);
      values.put("workflowMonthlyLimitUsd", null);
      values.put("tenantSpentTodayUsd", 0.0);
      values.put("tenantDailyLimitUsd", null);
      values.put("tenantSpentMonthUsd", 0.0);
      values.put("tenantMonthlyLimitUsd", null);
      values.put("hardCap", true);
      values.put("alertThresholdPercent", 80.0);
      values.put("overrideByApproval", false);
    }

    Inputs set(String name, Object value) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("not a contract variable: " + name);
      }
      values.put(name, value);
      return this;
    }

    Inputs run(Double spent, Double budget, Double estimate) {
      return set("runSpentUsd", spent).set("runBudgetUsd", budget).set("estimatedCostUsd", estimate);
    }

    Inputs estimate(Double estimate) {
      return set("estimatedCostUsd", estimate);
    }

    Inputs workflowDaily(Double spent, Double limit) {
      return set("workflowSpentTodayUsd", spent).set("workflowDailyLimitUsd", limit);
    }

    Inputs workflowMonthly(Double spent, Double limit) {
      return set("workflowSpentMonthUsd", spent).set("workflowMonthlyLimitUsd", limit);
    }

    Inputs tenantDaily(Double spent, Double limit) {
      return set("tenantSpentTodayUsd", spent).set("tenantDailyLimitUsd", limit);
    }

    Inputs tenantMonthly(Double spent, Double limit) {
      return set("tenantSpentMonthUsd", spent).set("tenantMonthlyLimitUsd", limit);
    }

    Inputs hardCap(Boolean hardCap) {
      return set("hardCap", hardCap);
    }

    Inputs softCap() {
      return hardCap(false);
    }

    Inputs overrideByApproval(Boolean override) {
      return set("overrideByApproval", override);
    }

    Inputs alertAt(Double percent) {
      return set("alertThresholdPercent", percent);
    }

    /** Null values stay in the map as real null variables (not missing ones). */
    VariableMap variables() {
      VariableMap map = Variables.createVariables();
      values.forEach(map::putValue);
      return map;
    }
  }
}
