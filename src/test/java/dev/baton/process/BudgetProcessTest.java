package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** The budget check's decision acts on the run: DENY stops it before any model call. */
class BudgetProcessTest extends ProcessTestSupport {

  @Test
  void denyStopsTheRunBeforeTheAgentTaskWithTheTablesReason() {
    String key = baton.deploy(ProcessTestEngine.testSpec("tiny-budget"));
    ProcessInstance run = baton.start(key, "{}");

    assertThat(run).isEnded().hasPassed("expensive__budget", "run__budget__end")
        .hasNotPassed("expensive", "after__budget");
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("failed");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("expensive");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .startsWith("run budget exceeded: run spent $0.00 of $0.00");
    assertThat(baton.jsonVariable(run, "expensive__budget").path("decision").asText())
        .isEqualTo("DENY");
  }

  @Test
  void allowLetsTheAgentRun() {
    String key = baton.deploy(ProcessTestEngine.sample("diamond"));
    ProcessInstance run = baton.start(key, "{}");
    assertThat(run).isWaitingAtExactly("a");
    assertThat(baton.budgetDecision(run, "a")).isEqualTo("ALLOW");
    // an ALLOW is kept in the decision history only, not as a variable of every task
    assertThat(baton.variable(run, "a__budget")).isNull();
  }
}
