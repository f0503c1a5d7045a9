package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A spec with {@code metadata.budget_override}: when the budget check says REQUIRE_APPROVAL the
 * run waits for a budget-override approval; approving raises the run's budget by the stated
 * amount (recorded) and the check runs again; refusing or no decision in time stops the run.
 */
class BudgetOverrideProcessTest extends ProcessTestSupport {

  private Date start;

  @BeforeEach
  void clock() {
    start = new Date(1_800_000_000_000L);
    ClockUtil.setCurrentTime(start);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ProcessInstance overBudgetRun() {
    String key = baton.deploy(ProcessTestEngine.testSpec("budget-override"));
    ProcessInstance run = baton.start(key, "{}");
    assertThat(run).isWaitingAtExactly("expensive__override");
    assertThat(baton.jsonVariable(run, "expensive__budget").path("decision").asText())
        .isEqualTo("REQUIRE_APPROVAL");
    return run;
  }

  private Task overrideTask(ProcessInstance run) {
    return baton.tasks().createTaskQuery().processInstanceId(run.getId())
        .taskDefinitionKey("expensive__override").singleResult();
  }

  private void decide(ProcessInstance run, String user, String decision, String comment,
      Object raise) {
    Map<String, Object> form = new HashMap<>();
    form.put("decision", decision);
    form.put("comment", comment);
    if (raise != null) {
      form.put("raise_usd", raise);
    }
    baton.completeAs(user, overrideTask(run).getId(), form);
  }

  @Test
  void theRequestGoesToTheRoleWithTheReasonAndTheProposedRaise() {
    ProcessInstance run = overBudgetRun();
    Task task = overrideTask(run);
    assertThat(baton.tasks().getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("TenantAdmin");
    assertThat(task.getName()).isEqualTo("Raise budget for expensive");
    assertThat((String) baton.tasks().getVariableLocal(task.getId(), "baton_review"))
        .contains("run budget would be exceeded, budget override approval required")
        // amounts under a cent keep four decimals, in the table's reason and in the form
        .contains("run spent $0.00 of $0.0001, next task estimated $0.0025")
        .contains("of a run budget of **$0.0001**");
    assertThat(baton.tasks().getVariableLocal(task.getId(), "raise_usd")).isEqualTo(1.0);
    assertThat(baton.openAgentTasks(run)).isEmpty();
  }

  @Test
  void approvingRaisesTheRunsBudgetRecordsItAndChecksAgain() {
    ProcessInstance run = overBudgetRun();
    decide(run, "carol", "approve", "the release is worth it", 2.5);

    assertThat(run).isWaitingAtExactly("expensive");
    assertThat(baton.variable(run, "baton_budget_usd")).isEqualTo(2.5001);
    assertThat(baton.jsonVariable(run, "expensive__budget").path("decision").asText())
        .isEqualTo("ALLOW");
    JsonNode audit = baton.jsonVariable(run, "expensive__audit");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("action").asText()).isEqualTo("budget_override");
    assertThat(audit.get(0).path("decided_by").asText()).isEqualTo("carol");
    assertThat(audit.get(0).path("raise_usd").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(audit.get(0).path("budget_before_usd").decimalValue())
        .isEqualByComparingTo("0.0001");
    assertThat(audit.get(0).path("budget_after_usd").decimalValue())
        .isEqualByComparingTo("2.5001");
    assertThat(audit.get(0).path("comment").asText()).isEqualTo("the release is worth it");
  }

  @Test
  void approvalNeedsAPositiveRaiseAndAJustificationAndTheTaskStaysOpen() {
    ProcessInstance run = overBudgetRun();
    assertThatThrownBy(() -> decide(run, "carol", "approve", "", 1.0))
        .hasMessageContaining("raising a run's budget needs a justification");
    assertThatThrownBy(() -> decide(run, "carol", "approve", "worth it", -3))
        .hasMessageContaining("raise_usd must be a positive amount");
    assertThat(run).isWaitingAtExactly("expensive__override");
    assertThat(baton.variable(run, "baton_budget_usd")).isEqualTo(0.0001);
  }

  @Test
  void aRaiseTooSmallAsksAgain() {
    ProcessInstance run = overBudgetRun();
    decide(run, "carol", "approve", "a little more", 0.0001);

    assertThat(run).isWaitingAtExactly("expensive__override");
    assertThat(baton.jsonVariable(run, "expensive__audit")).hasSize(1);
  }

  @Test
  void refusingStopsTheRunNamingWhoAndWhy() {
    ProcessInstance run = overBudgetRun();
    decide(run, "carol", "reject", "not this month", null);

    assertThat(run).isEnded().hasPassed("expensive__override__refused")
        .hasNotPassed("expensive");
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("failed");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("expensive");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .startsWith("budget override for 'expensive' refused by carol (not this month); "
            + "run budget would be exceeded");
  }

  @Test
  void noDecisionInTimeIsADenial() {
    ProcessInstance run = overBudgetRun();
    ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofHours(2).plusMinutes(1)
        .toMillis()));
    baton.executeJob(run, "expensive__override__timeout");

    assertThat(run).isEnded().hasPassed("expensive__override__timed_out");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .startsWith("budget override for 'expensive' refused by system (no decision in time; "
            + "denied by default)");
    assertThat(baton.jsonVariable(run, "expensive__audit").get(0).path("decided_by").asText())
        .isEqualTo("system");
  }
}
