package dev.baton.bench;

import dev.baton.budget.BudgetFacts;
import dev.baton.budget.BudgetReservations;
import dev.baton.budget.BudgetService;
import dev.baton.budget.BudgetSpec;
import dev.baton.budget.CostEntry;
import dev.baton.budget.CostRecorder;
import dev.baton.budget.RunRef;
import dev.baton.budget.TokenCounts;
import dev.baton.it.DatabaseAvailable;
import dev.baton.it.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the budget check costs per agent task, part by part, in the application's own Spring
 * context: (a) the facts the table decides on ({@link BudgetFacts}: five sums over the cost
 * ledger), (b) the decision {@code baton-budget-check} evaluated through Camunda's {@link
 * DecisionService} (with decision history, as in a run), (c) the worker's reservation of the
 * call's worst case and its settlement ({@link BudgetReservations}). Baseline, same run: a
 * one-rule decision table evaluated through the same service, the least any DMN check costs.
 */
@SpringBootTest
@ExtendWith(DatabaseAvailable.class)
class BudgetCheckBenchmark {

  private static final int WARMUP = 500;
  private static final int ROUNDS = 2_000;
  private static final int LEDGER_ROWS = 2_000;
  private static final int TASKS_PER_RUN = 20;
  private static final String WORKFLOW = "bench-budget";
  private static final String URL = TestDatabase.url();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", TestDatabase::user);
    registry.add("spring.datasource.password", TestDatabase::password);
    registry.add("baton.worker.enabled", () -> "false");
  }

  @Autowired
  BudgetFacts budgetFacts;

  @Autowired
  BudgetReservations reservations;

  @Autowired
  CostRecorder ledger;

  @Autowired
  DecisionService decisions;

  @Autowired
  BudgetService budgets;

  @Autowired
  RepositoryService repository;

  @Test
  void budgetCheckPerAgentTask() throws Exception {
    seedLedger();
    repository.createDeployment().addString("bench-one-rule.dmn", ONE_RULE).deploy();
    BigDecimal estimate = new BigDecimal("0.0025");
    BigDecimal actual = new BigDecimal("0.0011");

    List<Double> facts = new ArrayList<>();
    List<Double> dmn = new ArrayList<>();
    List<Double> reserve = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int i = 0; i < WARMUP + ROUNDS; i++) {
      String run = "bench-run-" + (i / TASKS_PER_RUN);
      long t0 = System.nanoTime();
      Map<String, TypedValue> f = budgetFacts.facts(run, WORKFLOW, estimate);
      long t1 = System.nanoTime();
      VariableMap variables = Variables.createVariables();
      f.forEach(variables::putValueTyped);
      DmnDecisionTableResult result =
          decisions.evaluateDecisionTableByKey("baton-budget-check", variables);
      long t2 = System.nanoTime();
      BudgetReservations.Reservation r = reservations.reserve(run, "task", "task-" + i,
          estimate, List.of(new BudgetReservations.Scope("run:" + run, "the run's budget",
              new BigDecimal("2.00"), null)));
      reservations.settle(r, actual);
      long t3 = System.nanoTime();
      decisions.evaluateDecisionTableByKey("bench-one-rule",
          Variables.createVariables().putValue("x", 1.0));
      long t4 = System.nanoTime();
      if (!"ALLOW".equals(result.getSingleResult().getEntry("decision"))) {
        throw new IllegalStateException("expected ALLOW, got " + result.getSingleResult());
      }
      if (i >= WARMUP) {
        facts.add((t1 - t0) / 1e6);
        dmn.add((t2 - t1) / 1e6);
        reserve.add((t3 - t2) / 1e6);
        total.add((t3 - t0) / 1e6);
        baseline.add((t4 - t3) / 1e6);
      }
    }
    // the same ledger, but the workflow and the tenant have daily and monthly limits: all five
    // sums are read (without limits only the run's spend is)
    budgets.create(dev.baton.security.Caller.system(), new BudgetSpec("bench workflow",
        WORKFLOW, null, new BigDecimal("1000"),
        new BigDecimal("100"), null, true, 80));
    List<Double> limitedFacts = new ArrayList<>();
    for (int i = 0; i < WARMUP + ROUNDS; i++) {
      long t0 = System.nanoTime();
      budgetFacts.facts("bench-run-" + (i / TASKS_PER_RUN), WORKFLOW, estimate);
      if (i >= WARMUP) {
        limitedFacts.add((System.nanoTime() - t0) / 1e6);
      }
    }
    List<Double> check = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      check.add(dmn.get(i) + reserve.get(i));
    }
    double checkMedian = BenchmarkReport.median(check);
    new BenchmarkReport("budget-check-" + TestDatabase.KIND,
        "Budget check per agent task (" + TestDatabase.KIND + ")", "what", "median", "p99")
        .row("(a) facts, no workflow or tenant limits: the run's ledger sum (BudgetFacts)",
            ms(facts, 50), ms(facts, 99))
        .row("(a') facts, workflow with daily and monthly limits: 3 ledger sums",
            ms(limitedFacts, 50), ms(limitedFacts, 99))
        .row("(b) DMN baton-budget-check (17 rules) via DecisionService", ms(dmn, 50),
            ms(dmn, 99))
        .row("(c) reserve + settle one call (BudgetReservations)", ms(reserve, 50),
            ms(reserve, 99))
        .row("**the check: (b) + (c)**", ms(check, 50), ms(check, 99))
        .row("total per agent task: (a) + (b) + (c)", ms(total, 50), ms(total, 99))
        .row("baseline: one-rule DMN via the same DecisionService", ms(baseline, 50),
            ms(baseline, 99))
        .note(String.format("The check (DMN + reservation) takes %.2f ms per agent task "
                + "(median; aim: under 2 ms): %s. The budget table costs %.1f× the one-rule "
                + "baseline. Database: %s, ledger seeded with %d rows of the workflow and "
                + "tenant, %d tasks per run; %d warm-up and %d measured iterations, one thread.",
            checkMedian, checkMedian < 2 ? "within the aim" : "over the aim",
            BenchmarkReport.median(dmn) / BenchmarkReport.median(baseline), TestDatabase.KIND,
            LEDGER_ROWS, TASKS_PER_RUN, WARMUP, ROUNDS))
        .publish();
  }

  private void seedLedger() {
    List<CostEntry> rows = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < LEDGER_ROWS; i++) {
      rows.add(CostEntry.modelCall(
          new RunRef("bench-run-" + (i / TASKS_PER_RUN), WORKFLOW, "default"), "task",
          "seed-" + i, "builder", "baton-simulated", new TokenCounts(2000, 500, 0, 0),
          new BigDecimal("0.00175"), 5, now.minusSeconds(i)));
    }
    ledger.write(rows);
  }

  private static String ms(List<Double> values, int percentile) {
    return String.format("%.3f ms", BenchmarkReport.percentile(values, percentile));
  }

  private static final String ONE_RULE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
          xmlns:camunda="http://camunda.org/schema/1.0/dmn"
          id="bench-one-rule-definitions" name="One rule" namespace="http://baton.dev/bench">
        <decision id="bench-one-rule" name="One rule" camunda:historyTimeToLive="30">
          <decisionTable id="bench-one-rule-table" hitPolicy="FIRST">
            <input id="x-input" label="x">
              <inputExpression id="x-expression" typeRef="double"><text>x</text></inputExpression>
            </input>
            <output id="decision-output" name="decision" typeRef="string" />
            <rule id="allow">
              <inputEntry id="any"><text></text></inputEntry>
              <outputEntry id="allow-output"><text>"ALLOW"</text></outputEntry>
            </rule>
          </decisionTable>
        </decision>
      </definitions>
      """;
}
