package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seed workflow (processes/full-development-cycle.json): plan, review, implement. */
class FullDevelopmentCycleProcessTest extends ProcessTestSupport {

  private String key;

  @BeforeEach
  void deploy() {
    key = baton.deploy(ProcessTestEngine.sample("full-development-cycle"));
  }

  /** Starts a run and completes the plan, so that it waits at the review. */
  private ProcessInstance runToReview() {
    ProcessInstance run = baton.start(key, "{\"idea\":\"a todo app\"}");
    assertThat(run).isStarted().hasPassed("run__start", "plan__budget").isWaitingAt("plan");
    assertThat(run).externalTask("plan").hasTopicName("baton-agent");
    assertThat(baton.budgetDecision(run, "plan")).isEqualTo("ALLOW");
    baton.completeAgent(run, "plan", "{\"steps\":[\"design\",\"build\"]}");
    assertThat(run).isWaitingAtExactly("approval_gate");
    return run;
  }

  @Test
  void approvedPlanIsImplementedAndTheRunEnds() {
    ProcessInstance run = runToReview();
    assertThat(run).task("approval_gate").hasName("Review Plan");
    String taskId = baton.tasks().createTaskQuery().processInstanceId(run.getId())
        .singleResult().getId();
    assertThat(baton.tasks().getIdentityLinksForTask(taskId))
        .extracting(IdentityLink::getGroupId).contains("TenantAdmin");

    baton.approve(run, "approval_gate", "alice", "looks good");

    assertThat(run).hasPassed("approval_gate", "approval_gate__decision", "implement__budget")
        .isWaitingAtExactly("implement");
    assertThat(baton.variable(run, "approval_gate__outcome")).isEqualTo("approved");
    JsonNode decision = baton.jsonVariable(run, "approval_gate");
    assertThat(decision.path("decision").asText()).isEqualTo("approve");
    assertThat(decision.path("decided_by").asText()).isEqualTo("alice");
    assertThat(decision.path("comment").asText()).isEqualTo("looks good");
    // the form's fields are consumed by the decision record
    assertThat(baton.variable(run, "decision")).isNull();

    baton.completeAgent(run, "implement", "{\"pr\":42}");

    assertThat(run).isEnded()
        .hasPassedInOrder("run__start", "plan", "approval_gate", "implement", "implement__end")
        .hasNotPassed("approval_gate__rejected", "approval_gate__timed_out");
    assertThat(baton.jsonVariable(run, "implement").at("/output/pr").asInt()).isEqualTo(42);
    assertThat(baton.variable(run, "baton_outcome")).isNull();
  }

  @Test
  void rejectedPlanEndsTheRunAsRejectedWithTheGateAndComment() {
    ProcessInstance run = runToReview();

    baton.reject(run, "approval_gate", "bob", "needs a security review");

    assertThat(run).isEnded().hasPassed("approval_gate__rejected").hasNotPassed("implement");
    assertThat(baton.variable(run, "approval_gate__outcome")).isEqualTo("rejected");
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("rejected");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("approval_gate");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .contains("Review Plan").contains("bob").contains("needs a security review");
  }

  @Test
  void undecidedReviewIsDeniedAfterTwentyFourHours() {
    Date begin = new Date(ClockUtil.getCurrentTime().getTime() / 1000 * 1000);
    ClockUtil.setCurrentTime(begin);
    ProcessInstance run = runToReview();
    assertThat(run).job("approval_gate__timeout").isNotNull();
    assertThat(baton.job(run, "approval_gate__timeout").getDuedate())
        .isEqualTo(new Date(begin.getTime() + Duration.ofHours(24).toMillis()));

    ClockUtil.setCurrentTime(new Date(begin.getTime() + Duration.ofHours(25).toMillis()));
    baton.executeJob(run, "approval_gate__timeout");

    assertThat(run).isEnded().hasPassed("approval_gate__timeout", "approval_gate__timed_out")
        .hasNotPassed("approval_gate__decision", "implement");
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("failed");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("approval_gate");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .contains("Review Plan").contains("denied by default");
  }

  @Test
  void planThatTakesTooLongFailsTheRunWithAReason() {
    Date begin = ClockUtil.getCurrentTime();
    ProcessInstance run = baton.start(key, "{}");
    assertThat(run).isWaitingAt("plan");

    ClockUtil.setCurrentTime(new Date(begin.getTime() + Duration.ofMinutes(6).toMillis()));
    baton.executeJob(run, "plan__timeout");

    assertThat(run).isEnded().hasPassed("plan__timed_out").hasNotPassed("approval_gate");
    assertThat(baton.externalTasks().createExternalTaskQuery().count()).isZero();
    assertThat(baton.variable(run, "baton_outcome")).isEqualTo("failed");
    assertThat(baton.variable(run, "baton_failed_node")).isEqualTo("plan");
    assertThat((String) baton.variable(run, "baton_failure_reason"))
        .contains("Create Project Plan").contains("300000 ms");
  }
}
