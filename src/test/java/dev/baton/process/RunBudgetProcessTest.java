package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.baton.budget.RunBudgets;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * A run's budget in force is Baton's, not a variable: set by the run's start listener from the
 * spec and the budgets configuration, raised only by an approved override; a variable passed
 * at the start or written later is overwritten or ignored.
 */
class RunBudgetProcessTest extends ProcessTestSupport {

  private String source(ProcessInstance run) {
    return baton.jdbc().queryForObject("SELECT source FROM baton_run_budget WHERE run_id = ?",
        String.class, run.getId());
  }

  @Test
  void aBudgetPassedWithTheStartIsNotTheRunsBudget() {
    String key = baton.deploy(ProcessTestEngine.testSpec("tiny-budget"));
    Map<String, Object> variables = new HashMap<>();
    variables.put("priority", 0);
    variables.put("baton_budget_usd", 1000.0);
    ProcessInstance run = baton.runtime().startProcessInstanceByKey(key, variables);
    baton.executeJob(run, "run__start");

    assertThat(run).isEnded().hasPassed("run__budget__end").hasNotPassed("expensive");
    assertThat(baton.runBudgets().of(run.getId())).contains(new BigDecimal("0.00010000"));
    assertThat(source(run)).isEqualTo(RunBudgets.SPEC);
    // the display copy says what applied
    assertThat(baton.variable(run, "baton_budget_usd")).isEqualTo(0.0001);
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .startsWith("run budget exceeded: run spent $0.00 of $0.0001");
  }

  @Test
  void aBudgetVariableWrittenDuringTheRunChangesNothing() {
    String key = baton.deploy(ProcessTestEngine.testSpec("budget-override"));
    ProcessInstance run = baton.start(key, "{}");
    assertThat(run).isWaitingAtExactly("expensive__override");
    // what PUT /engine-rest/process-instance/{id}/variables/baton_budget_usd did
    baton.runtime().setVariable(run.getId(), "baton_budget_usd", 1000.0);

    Map<String, Object> form = new HashMap<>();
    form.put("decision", "approve");
    form.put("comment", "a little more");
    form.put("raise_usd", 0.0001);
    String task = baton.tasks().createTaskQuery().processInstanceId(run.getId()).singleResult()
        .getId();
    baton.completeAs("carol", task, form);

    // the check ran again on the budget in force (0.0001 + 0.0001), not on 1000
    assertThat(run).isWaitingAtExactly("expensive__override");
    assertThat(baton.runBudgets().of(run.getId()).orElseThrow())
        .isEqualByComparingTo("0.0002");
    assertThat(baton.variable(run, "baton_budget_usd")).isEqualTo(0.0002);
    assertThat(baton.jdbc().queryForObject("SELECT raised_usd FROM baton_run_budget "
        + "WHERE run_id = ?", BigDecimal.class, run.getId())).isEqualByComparingTo("0.0001");
  }

  @Test
  void withoutASpecBudgetARunGetsItsWorkflowBudgetElseTheDefault() {
    String spec = "{\"metadata\":{\"name\":\"No budget\"},\"nodes\":[{\"id\":\"a\","
        + "\"type\":\"agent_task\",\"agent_type\":\"builder\"}]}";
    String key = baton.deploy("no-budget", spec);
    ProcessInstance first = baton.start(key, "{}");
    assertThat(baton.runBudgets().of(first.getId()).orElseThrow()).isEqualByComparingTo("2.00");
    assertThat(source(first)).isEqualTo(RunBudgets.DEFAULT);

    baton.jdbc().update("INSERT INTO baton_budget (name, workflow_id, per_run_usd, hard_cap, "
        + "alert_threshold_percent, created_at, updated_at) VALUES ('nb', ?, 0.75, TRUE, 80, "
        + "?, ?)", key, OffsetDateTime.now(), OffsetDateTime.now());
    try {
      ProcessInstance second = baton.start(key, "{}");
      assertThat(baton.runBudgets().of(second.getId()).orElseThrow())
          .isEqualByComparingTo("0.75");
      assertThat(source(second)).isEqualTo(RunBudgets.WORKFLOW_BUDGET);
      // a run keeps the budget it started with
      assertThat(baton.runBudgets().of(first.getId()).orElseThrow())
          .isEqualByComparingTo("2.00");
    } finally {
      baton.jdbc().update("DELETE FROM baton_budget WHERE workflow_id = ?", key);
    }
  }
}
