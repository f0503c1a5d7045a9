package dev.baton.budget;

import static dev.baton.budget.BudgetTable.inputs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.budget.BudgetTable.Inputs;
import dev.baton.budget.BudgetTable.Verdict;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/**
 * The policy lives in the table, not in code: an analyst's edit to the DMN file (made here with
 * the Camunda DMN model API, as Camunda Modeler would save it) changes the decision with no code
 * change.
 */
class EditedDecisionTableTest {

  private final DmnModelInstance model = Dmn.readModelFromStream(BudgetTable.stream());

  private BudgetTable edited() {
    String xml = Dmn.convertToString(model);
    Dmn.validateModel(model);
    return BudgetTable.fromXml(xml);
  }

  private void setText(String elementId, String text) {
    Object element = model.getModelElementById(elementId);
    if (element instanceof InputEntry entry) {
      entry.getText().setTextContent(text);
    } else if (element instanceof OutputEntry entry) {
      entry.getText().setTextContent(text);
    } else {
      throw new IllegalArgumentException("no input or output entry " + elementId);
    }
  }

  @Test
  void aFixedAlertThresholdInTheAlertRuleMovesTheAlert() {
    Inputs at85 = inputs().run(4.0, 5.0, 0.25);
    Inputs at92 = inputs().run(4.0, 5.0, 0.6);
    assertThat(BudgetTable.fromFile().evaluate(at85).decision()).isEqualTo("ALERT");

    // the analyst alerts from 90 % of the run budget, whatever the run's own threshold
    setText("rule-alert-threshold-run-percent", ">= 90");
    BudgetTable table = edited();

    assertThat(table.evaluate(at85).decision()).isEqualTo("ALLOW");
    Verdict verdict = table.evaluate(at92);
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.rule()).isEqualTo("rule-alert-threshold");
  }

  @Test
  void aRangeInTheAlertRuleAlertsOnlyInsideIt() {
    setText("rule-alert-threshold-run-percent", "[50..95]");
    BudgetTable table = edited();

    assertThat(table.evaluate(inputs().run(2.0, 5.0, 0.0)).decision()).isEqualTo("ALLOW");
    assertThat(table.evaluate(inputs().run(2.5, 5.0, 0.0)).decision()).isEqualTo("ALERT");
    assertThat(table.evaluate(inputs().run(4.9, 5.0, 0.0)).decision()).isEqualTo("ALLOW");
  }

  @Test
  void turningARunBudgetDenyIntoRequireApproval() {
    Inputs breach = inputs().run(4.98, 5.0, 0.40).hardCap(true).overrideByApproval(false);
    assertThat(BudgetTable.fromFile().evaluate(breach).decision()).isEqualTo("DENY");

    setText("rule-deny-run-decision", "\"REQUIRE_APPROVAL\"");
    setText("rule-deny-run-reason",
        "\"run budget exceeded, ask finance: run spent $\" + string(decimal(runSpentUsd, 2))");
    BudgetTable table = edited();

    Verdict verdict = table.evaluate(breach);
    assertThat(verdict.decision()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(verdict.reason()).isEqualTo("run budget exceeded, ask finance: run spent $4.98");
    // the other limits are untouched
    assertThat(table.evaluate(inputs().estimate(0.40).tenantDaily(99.8, 100.0)).decision())
        .isEqualTo("DENY");
  }

  @Test
  void removingTheSoftCapRulesLetsSoftBreachesFallThroughToTheThresholdAlert() {
    Inputs softBreach = inputs().run(4.98, 5.0, 0.40).softCap();
    assertThat(BudgetTable.fromFile().evaluate(softBreach).reason())
        .startsWith("soft cap exceeded, run budget");

    for (String limit : new String[] {"run", "workflow-daily", "workflow-monthly",
        "tenant-daily", "tenant-monthly"}) {
      Rule rule = model.getModelElementById("rule-soft-" + limit);
      rule.getParentElement().removeChildElement(rule);
    }
    BudgetTable table = edited();

    Verdict verdict = table.evaluate(softBreach);
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.reason()).isEqualTo("run at 107% of its $5.00 budget (alert at 80%)");
    assertThat(table.evaluate(inputs().estimate(0.4).tenantDaily(99.8, 100.0).softCap())
        .decision()).isEqualTo("ALLOW");
  }
}
