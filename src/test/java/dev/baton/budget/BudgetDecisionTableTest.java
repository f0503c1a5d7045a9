package dev.baton.budget;

import static dev.baton.budget.BudgetTable.inputs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.budget.BudgetTable.Inputs;
import dev.baton.budget.BudgetTable.Verdict;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The budget policy table, rule by rule, on the real Camunda DMN engine: every rule fires for a
 * case made for it, with the exact decision and a reason carrying the numbers; then the
 * boundaries, null limits and values, and the FIRST hit order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetDecisionTableTest {

  private static final BudgetTable TABLE = BudgetTable.fromFile();
  private static final Set<String> FIRED = new HashSet<>();

  /** A limit, how to breach only it with a $0.40 next task, and the numbers its reasons show. */
  enum Limit {
    RUN("run budget", "run", i -> i.run(4.98, 5.0, 0.40),
        "run spent $4.98 of $5.00, next task estimated $0.40"),
    WORKFLOW_DAILY("workflow daily limit", "workflow-daily",
        i -> i.estimate(0.40).workflowDaily(19.75, 20.0),
        "workflow spent $19.75 today of its $20.00 daily limit, next task estimated $0.40"),
    WORKFLOW_MONTHLY("workflow monthly limit", "workflow-monthly",
        i -> i.estimate(0.40).workflowMonthly(299.9, 300.0),
        "workflow spent $299.90 this month of its $300.00 monthly limit,"
            + " next task estimated $0.40"),
    TENANT_DAILY("tenant daily limit", "tenant-daily",
        i -> i.estimate(0.40).tenantDaily(99.8, 100.0),
        "tenant spent $99.80 today of its $100.00 daily limit, next task estimated $0.40"),
    TENANT_MONTHLY("tenant monthly limit", "tenant-monthly",
        i -> i.estimate(0.40).tenantMonthly(1234.5, 1234.6),
        "tenant spent $1234.50 this month of its $1234.60 monthly limit,"
            + " next task estimated $0.40");

    final String label;
    final String ruleSuffix;
    final UnaryOperator<Inputs> breach;
    final String numbers;

    Limit(String label, String ruleSuffix, UnaryOperator<Inputs> breach, String numbers) {
      this.label = label;
      this.ruleSuffix = ruleSuffix;
      this.breach = breach;
      this.numbers = numbers;
    }

    Inputs breached() {
      return breach.apply(inputs());
    }
  }

  private static Verdict evaluate(Inputs inputs) {
    Verdict verdict = TABLE.evaluate(inputs);
    FIRED.addAll(verdict.matchedRules());
    return verdict;
  }

  private static Verdict evaluate(org.camunda.bpm.engine.variable.VariableMap variables) {
    Verdict verdict = TABLE.evaluate(variables);
    FIRED.addAll(verdict.matchedRules());
    return verdict;
  }

  // ------------------------------------------------------------------ one test per rule

  @ParameterizedTest(name = "{0}: hard cap + override by approval -> REQUIRE_APPROVAL")
  @EnumSource(Limit.class)
  void breachWithHardCapAndOverrideRequiresApproval(Limit limit) {
    Verdict verdict = evaluate(limit.breached().hardCap(true).overrideByApproval(true));

    assertThat(verdict.rule()).isEqualTo("rule-approve-" + limit.ruleSuffix);
    assertThat(verdict.decision()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(verdict.reason()).isEqualTo(limit.label
        + " would be exceeded, budget override approval required: " + limit.numbers);
  }

  @ParameterizedTest(name = "{0}: hard cap -> DENY")
  @EnumSource(Limit.class)
  void breachWithHardCapDenies(Limit limit) {
    Verdict verdict = evaluate(limit.breached().hardCap(true).overrideByApproval(false));

    assertThat(verdict.rule()).isEqualTo("rule-deny-" + limit.ruleSuffix);
    assertThat(verdict.decision()).isEqualTo("DENY");
    assertThat(verdict.reason()).isEqualTo(limit.label + " exceeded: " + limit.numbers);
  }

  @ParameterizedTest(name = "{0}: soft cap -> ALERT")
  @EnumSource(Limit.class)
  void breachWithSoftCapAlerts(Limit limit) {
    Verdict verdict = evaluate(limit.breached().softCap());

    assertThat(verdict.rule()).isEqualTo("rule-soft-" + limit.ruleSuffix);
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.reason())
        .isEqualTo("soft cap exceeded, " + limit.label + ": " + limit.numbers);
  }

  @ParameterizedTest(name = "soft cap, override by approval {0}: still ALERT")
  @MethodSource("booleansAndNull")
  void overrideByApprovalOnlyMattersForAHardCap(Boolean override) {
    Verdict verdict = evaluate(Limit.RUN.breached().softCap().overrideByApproval(override));

    assertThat(verdict.rule()).isEqualTo("rule-soft-run");
    assertThat(verdict.decision()).isEqualTo("ALERT");
  }

  @Test
  void runAtTheAlertThresholdAlertsWithThePercentage() {
    Verdict verdict = evaluate(inputs().run(4.0, 5.0, 0.25));

    assertThat(verdict.rule()).isEqualTo("rule-alert-threshold");
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.reason()).isEqualTo("run at 85% of its $5.00 budget (alert at 80%)");
  }

  @Test
  void otherwiseWithinBudget() {
    Verdict verdict = evaluate(inputs().run(1.0, 5.0, 0.40));

    assertThat(verdict.rule()).isEqualTo("rule-allow");
    assertThat(verdict.decision()).isEqualTo("ALLOW");
    assertThat(verdict.reason()).isEqualTo("within budget");
  }

  static Stream<Arguments> booleansAndNull() {
  return Stream.of(Arguments.of(true), Arguments.of(false), Arguments.of((Boolean) null));
  }

  // ------------------------------------------------------------------ boundaries

  @Test
  void spentPlusEstimateExactlyAtTheBudgetIsNotExceeded() {
    Verdict verdict = evaluate(inputs().run(4.6, 5.0, 0.4));

    // 100 % of the budget: not a breach, but past the alert threshold
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.rule()).isEqualTo("rule-alert-threshold");
    assertThat(verdict.reason()).isEqualTo("run at 100% of its $5.00 budget (alert at 80%)");
  }

  @Test
  void oneCentOverTheBudgetIsExceeded() {
    Verdict verdict = evaluate(inputs().run(4.61, 5.0, 0.4));

    assertThat(verdict.decision()).isEqualTo("DENY");
    assertThat(verdict.reason())
        .isEqualTo("run budget exceeded: run spent $4.61 of $5.00, next task estimated $0.40");
  }

  @Test
  void decimalArithmeticNotBinaryDoubles() {
    // in Java doubles 0.1 + 0.2 > 0.3; FEEL computes in decimals, so this is exactly at the
    // budget and not exceeded
    assertThat(0.1 + 0.2).isGreaterThan(0.3);
    Verdict verdict = evaluate(inputs().run(0.1, 0.3, 0.2));

    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.reason()).isEqualTo("run at 100% of its $0.30 budget (alert at 80%)");
  }

  @Test
  void exactlyAtTheAlertThresholdAlerts() {
    Verdict verdict = evaluate(inputs().run(3.6, 5.0, 0.4));

    assertThat(verdict.rule()).isEqualTo("rule-alert-threshold");
    assertThat(verdict.reason()).isEqualTo("run at 80% of its $5.00 budget (alert at 80%)");
  }

  @Test
  void justBelowTheAlertThresholdIsAllowed() {
    assertThat(evaluate(inputs().run(3.59, 5.0, 0.4)).decision()).isEqualTo("ALLOW");
  }

  @Test
  void theEstimateCountsTowardsTheAlertThreshold() {
    assertThat(evaluate(inputs().run(3.0, 5.0, 0.0)).decision()).isEqualTo("ALLOW");
    assertThat(evaluate(inputs().run(3.0, 5.0, 1.0)).decision()).isEqualTo("ALERT");
  }

  @Test
  void aFractionalThresholdAndPercentageShowAsSuch() {
    Verdict verdict = evaluate(inputs().run(2.0, 3.0, 0.5).alertAt(82.5));

    // 2.5 of 3.00 = 83.33...%, shown rounded down
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.reason()).isEqualTo("run at 83% of its $3.00 budget (alert at 82.5%)");
  }

  @Test
  void anotherThresholdMovesTheAlert() {
    assertThat(evaluate(inputs().run(4.0, 5.0, 0.25).alertAt(90.0)).decision())
        .isEqualTo("ALLOW");
    assertThat(evaluate(inputs().run(4.0, 5.0, 0.25).alertAt(50.0)).reason())
        .isEqualTo("run at 85% of its $5.00 budget (alert at 50%)");
  }

  @Test
  void workflowAndTenantLimitsExactlyReachedAreNotExceeded() {
    Verdict verdict = evaluate(inputs().estimate(0.5)
        .workflowDaily(9.5, 10.0).workflowMonthly(99.5, 100.0)
        .tenantDaily(49.5, 50.0).tenantMonthly(499.5, 500.0));

    assertThat(verdict.decision()).isEqualTo("ALLOW");
  }

  @Test
  void aZeroBudgetAllowsOnlyFreeTasks() {
    assertThat(evaluate(inputs().run(0.0, 0.0, 0.0)).decision()).isEqualTo("ALLOW");
    Verdict verdict = evaluate(inputs().run(0.0, 0.0, 0.01));
    assertThat(verdict.decision()).isEqualTo("DENY");
    assertThat(verdict.reason())
        .isEqualTo("run budget exceeded: run spent $0.00 of $0.00, next task estimated $0.01");
  }

  @Test
  void wholeCentsAreShownWithTwoDecimals() {
    Verdict verdict = evaluate(inputs().run(1234.5, 1000.0, 7.0));

    assertThat(verdict.reason()).isEqualTo(
        "run budget exceeded: run spent $1234.50 of $1000.00, next task estimated $7.00");
  }

  @Test
  void amountsUnderACentKeepFourDecimals() {
    // model calls cost fractions of a cent: "$0.00 of $0.01" would hide what happened
    Verdict verdict = evaluate(inputs().run(0.0048, 0.005, 0.00102));
    assertThat(verdict.reason()).isEqualTo(
        "run budget exceeded: run spent $0.0048 of $0.0050, next task estimated $0.0010");

    Verdict alert = evaluate(inputs().run(0.0, 0.0025, 0.0021));
    assertThat(alert.decision()).isEqualTo("ALERT");
    assertThat(alert.reason()).isEqualTo("run at 84% of its $0.0025 budget (alert at 80%)");
  }

  // ------------------------------------------------------------------ null limits and values

  @Test
  void nullLimitsAreNeverExceeded() {
    Verdict verdict = evaluate(inputs().estimate(1_000.0)
        .workflowDaily(1e6, null).workflowMonthly(1e6, null)
        .tenantDaily(1e6, null).tenantMonthly(1e6, null));

    assertThat(verdict.rule()).isEqualTo("rule-allow");
    assertThat(verdict.reason()).isEqualTo("within budget");
  }

  @Test
  void noRunBudgetNeverExceedsOrAlerts() {
    Verdict verdict = evaluate(inputs().run(1e6, null, 1_000.0).alertAt(0.0));

    assertThat(verdict.decision()).isEqualTo("ALLOW");
  }

  @Test
  void noRunBudgetStillEnforcesTheWorkflowAndTenantLimits() {
    assertThat(evaluate(Limit.WORKFLOW_DAILY.breached().run(0.0, null, 0.40)).decision())
        .isEqualTo("DENY");
    assertThat(evaluate(Limit.TENANT_MONTHLY.breached().run(0.0, null, 0.40)).decision())
        .isEqualTo("DENY");
  }

  @Test
  void aMissingHardCapCountsAsHard() {
    Verdict verdict = evaluate(Limit.RUN.breached().hardCap(null));

    assertThat(verdict.decision()).isEqualTo("DENY");
  }

  @Test
  void aMissingOverrideByApprovalCountsAsNo() {
    assertThat(evaluate(Limit.RUN.breached().overrideByApproval(null)).decision())
        .isEqualTo("DENY");
  }

  @Test
  void aMissingAlertThresholdNeverAlerts() {
    assertThat(evaluate(inputs().run(4.9, 5.0, 0.0).alertAt(null)).decision())
        .isEqualTo("ALLOW");
    // but a breach is still a breach
    assertThat(evaluate(Limit.RUN.breached().alertAt(null)).decision()).isEqualTo("DENY");
  }

  @Test
  void missingSpentAndEstimateCountAsZero() {
    Verdict verdict = evaluate(inputs().run(null, 5.0, 5.01));
    assertThat(verdict.decision()).isEqualTo("DENY");
    assertThat(verdict.reason())
        .isEqualTo("run budget exceeded: run spent $0.00 of $5.00, next task estimated $5.01");

    verdict = evaluate(inputs().run(4.5, 5.0, null));
    assertThat(verdict.decision()).isEqualTo("ALERT");
    assertThat(verdict.reason()).isEqualTo("run at 90% of its $5.00 budget (alert at 80%)");

    verdict = evaluate(inputs().estimate(null).tenantDaily(null, 0.0));
    assertThat(verdict.decision()).isEqualTo("ALLOW");
  }

  @Test
  void missingSpentWithAnExceededWorkflowLimitStillShowsNumbers() {
    Verdict verdict = evaluate(inputs().estimate(3.0).workflowMonthly(null, 2.0).softCap());

    assertThat(verdict.reason()).isEqualTo("soft cap exceeded, workflow monthly limit:"
        + " workflow spent $0.00 this month of its $2.00 monthly limit,"
        + " next task estimated $3.00");
  }

  @Test
  void noVariablesAtAllIsWithinBudget() {
    // variables that are not set at all evaluate to null in FEEL: no limit, nothing spent
    Verdict verdict = evaluate(Variables.createVariables());

    assertThat(verdict.decision()).isEqualTo("ALLOW");
    assertThat(verdict.reason()).isEqualTo("within budget");
  }

  @Test
  void allContractVariablesNullIsWithinBudget() {
    Inputs inputs = inputs();
    for (String name : inputs.variables().keySet()) {
      inputs.set(name, null);
    }
    assertThat(evaluate(inputs).decision()).isEqualTo("ALLOW");
  }

  // ------------------------------------------------------------------ FIRST hit order

  @Test
  void aBreachThatIsAlsoPastTheAlertThresholdIsDeniedNotAlerted() {
    // 108 % of the budget: both the run budget DENY rule and the alert threshold rule match
    Verdict verdict = evaluate(inputs().run(4.98, 5.0, 0.40));

    assertThat(verdict.decision()).isEqualTo("DENY");
    assertThat(verdict.rule()).isEqualTo("rule-deny-run");
  }

  @Test
  void aSoftCapBreachIsReportedAsTheBreachNotTheThreshold() {
    Verdict verdict = evaluate(inputs().run(4.98, 5.0, 0.40).softCap());

    assertThat(verdict.reason()).startsWith("soft cap exceeded, run budget: ");
  }

  @Test
  void theRunBudgetIsNamedBeforeWorkflowAndTenantLimits() {
    Inputs all = inputs().run(4.98, 5.0, 0.40)
        .workflowDaily(20.0, 20.0).workflowMonthly(300.0, 300.0)
        .tenantDaily(100.0, 100.0).tenantMonthly(1000.0, 1000.0);

    assertThat(evaluate(all).reason()).startsWith("run budget exceeded: ");
    all.run(0.0, 5.0, 0.40);
    assertThat(evaluate(all).reason()).startsWith("workflow daily limit exceeded: ");
    all.workflowDaily(0.0, 20.0);
    assertThat(evaluate(all).reason()).startsWith("workflow monthly limit exceeded: ");
    all.workflowMonthly(0.0, 300.0);
    assertThat(evaluate(all).reason()).startsWith("tenant daily limit exceeded: ");
    all.tenantDaily(0.0, 100.0);
    assertThat(evaluate(all).reason()).startsWith("tenant monthly limit exceeded: ");
    all.tenantMonthly(0.0, 1000.0);
    assertThat(evaluate(all).decision()).isEqualTo("ALLOW");
  }

  @Test
  void workflowAndTenantLimitsAreToldApart() {
    Verdict workflow = evaluate(Limit.WORKFLOW_DAILY.breached());
    Verdict tenant = evaluate(Limit.TENANT_DAILY.breached());

    assertThat(workflow.reason()).contains("workflow daily limit").doesNotContain("tenant");
    assertThat(tenant.reason()).contains("tenant daily limit").doesNotContain("workflow");
  }

  @Test
  void theTableUsesHitPolicyFirstWithTheRulesInPolicyOrder() {
    DmnModelInstance model = Dmn.readModelFromStream(BudgetTable.stream());
    DecisionTable table = model.getModelElementById("baton-budget-check-table");

    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    List<String> decisions = table.getRules().stream()
        .map(rule -> rule.getOutputEntries().iterator().next().getText().getTextContent())
        .toList();
    assertThat(decisions).containsExactly(
        "\"REQUIRE_APPROVAL\"", "\"REQUIRE_APPROVAL\"", "\"REQUIRE_APPROVAL\"",
        "\"REQUIRE_APPROVAL\"", "\"REQUIRE_APPROVAL\"",
        "\"DENY\"", "\"DENY\"", "\"DENY\"", "\"DENY\"", "\"DENY\"",
        "\"ALERT\"", "\"ALERT\"", "\"ALERT\"", "\"ALERT\"", "\"ALERT\"",
        "\"ALERT\"", "\"ALLOW\"");
    assertThat(table.getRules()).allSatisfy(rule ->
        assertThat(rule.getDescription()).isNotNull());
  }

  // ------------------------------------------------------------------ coverage

  @AfterAll
  void everyRuleOfTheTableFired() {
    DmnModelInstance model = Dmn.readModelFromStream(BudgetTable.stream());
    Collection<Rule> rules = model.getModelElementsByType(Rule.class);
    Set<String> ids = rules.stream().map(Rule::getId).collect(Collectors.toSet());

    assertThat(ids).hasSize(17);
    assertThat(FIRED).containsExactlyInAnyOrderElementsOf(ids);
  }
}
