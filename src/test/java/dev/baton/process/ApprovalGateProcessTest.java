package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approval gate policies on the engine clock: escalation levels, timeouts that deny by default
 * or follow a timeout edge, the two-person rule, required justification, request changes.
 */
class ApprovalGateProcessTest extends ProcessTestSupport {

  private Date start;

  @BeforeEach
  void groupsAndClock() {
    IdentityService identity = baton.engine().getIdentityService();
    for (String id : List.of("product-owner", "devops-lead")) {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        identity.saveGroup(group);
      }
    }
    start = new Date(1_800_000_000_000L);
    ClockUtil.setCurrentTime(start);
  }

  @AfterEach
  void removeGroups() {
    IdentityService identity = baton.engine().getIdentityService();
    List.of("product-owner", "devops-lead").forEach(identity::deleteGroup);
  }

  private ProcessInstance runStartedBy(String user) {
    String key = baton.deploy(ProcessTestEngine.testSpec("gate-policies"));
    baton.engine().getIdentityService().setAuthenticatedUserId(user);
    try {
      ProcessInstance run = baton.start(key, "{\"task\":\"release 3.0\"}");
      baton.completeAgent(run, "plan", "{\"steps\":[\"build\",\"test\"]}");
      return run;
    } finally {
      baton.engine().getIdentityService().clearAuthentication();
    }
  }

  private void advance(Duration by) {
    ClockUtil.setCurrentTime(new Date(start.getTime() + by.toMillis()));
  }

  private Task gateTask(ProcessInstance run) {
    return baton.tasks().createTaskQuery().processInstanceId(run.getId())
        .taskDefinitionKey("review").singleResult();
  }

  private List<String> candidates(Task task) {
    return baton.tasks().getIdentityLinksForTask(task.getId()).stream()
        .map(l -> l.getGroupId() != null ? "group:" + l.getGroupId() : "user:" + l.getUserId())
        .toList();
  }

  @Test
  void escalationLevelsFireInOrderAndAddCandidates() {
    ProcessInstance run = runStartedBy("alice");
    Task task = gateTask(run);
    assertThat(candidates(task)).containsExactly("group:product-owner");
    assertThat(task.getDueDate()).isEqualTo(new Date(start.getTime() + 24 * 3_600_000L));
    assertThat(task.getFollowUpDate()).isEqualTo(new Date(start.getTime() + 4 * 3_600_000L));

    advance(Duration.ofHours(3));
    assertThat(baton.executeJobs(run, "review__escalation_1")).isZero();

    advance(Duration.ofHours(4).plusMinutes(1));
    assertThat(baton.executeJobs(run, "review__escalation_1")).isEqualTo(1);
    assertThat(candidates(gateTask(run)))
        .containsExactlyInAnyOrder("group:product-owner", "group:devops-lead");
    assertThat(baton.variable(run, "review__escalation_level")).isEqualTo(1);
    assertThat(baton.executeJobs(run, "review__escalation_2")).isZero();

    advance(Duration.ofHours(8).plusMinutes(1));
    assertThat(baton.executeJobs(run, "review__escalation_2")).isEqualTo(1);
    // carol is no group: she becomes a candidate user
    assertThat(candidates(gateTask(run)))
        .containsExactlyInAnyOrder("group:product-owner", "group:devops-lead", "user:carol");
    assertThat(baton.variable(run, "review__escalation_level")).isEqualTo(2);
    // the same task is still open: escalation does not interrupt it
    assertThat(gateTask(run).getId()).isEqualTo(task.getId());
    JsonNode audit = baton.jsonVariable(run, "review__audit");
    assertThat(audit.findValuesAsText("action")).containsExactly("escalated", "escalated");
    assertThat(audit.findValuesAsText("escalation_level")).containsExactly("1", "2");
    // recorded by Baton (the variable above is its copy) and in the audit log
    assertThat(baton.gateDecisions().escalationLevel(run.getId(), "review")).isEqualTo(2);
    assertThat(auditLog(run)).containsExactly("gate.escalated", "gate.escalated");
  }

  private List<String> auditLog(ProcessInstance run) {
    return baton.jdbc().queryForList("SELECT action FROM baton_audit_log WHERE run_id = ? "
        + "ORDER BY seq", String.class, run.getId());
  }

  @Test
  void timeoutDeniesByDefaultAndIsRecordedAsTheSystemsDecision() {
    ProcessInstance run = runStartedBy("alice");
    advance(Duration.ofHours(24).plusMinutes(1));
    baton.executeJobs(run, "review__escalation_1");
    baton.executeJobs(run, "review__escalation_2");
    assertThat(baton.executeJobs(run, "review__timeout")).isEqualTo(1);

    assertThat(run).isEnded().hasPassed("review__timed_out").hasNotPassed("ship");
    JsonNode decision = baton.jsonVariable(run, "review");
    assertThat(decision.path("decision").asText()).isEqualTo("reject");
    assertThat(decision.path("decided_by").asText()).isEqualTo("system");
    assertThat(decision.path("comment").asText()).contains("denied by default");
    assertThat(decision.path("escalation_level").asInt()).isEqualTo(2);
    assertThat(baton.jsonVariable(run, "review__audit").findValuesAsText("action"))
        .containsExactly("escalated", "escalated", "timeout");
    assertThat(baton.gateDecisions().latestDecision(run.getId(), "review").orElseThrow()
        .path("decided_by").asText()).isEqualTo("system");
    assertThat(auditLog(run)).containsExactly("gate.escalated", "gate.escalated",
        "gate.timed_out");
  }

  @Test
  void timeoutCanApproveAndFollowsATimeoutEdge() {
    String key = baton.deploy(ProcessTestEngine.testSpec("gate-timeouts"));
    ProcessInstance run = baton.start(key, "{}");
    baton.completeAgent(run, "draft", "{}");
    assertThat(run).isWaitingAtExactly("lenient");

    advance(Duration.ofHours(2).plusMinutes(1));
    assertThat(baton.executeJobs(run, "lenient__timeout")).isEqualTo(1);
    assertThat(baton.jsonVariable(run, "lenient").path("decision").asText()).isEqualTo("approve");
    assertThat(run).isWaitingAtExactly("strict");

    advance(Duration.ofHours(4));
    assertThat(baton.executeJobs(run, "strict__timeout")).isEqualTo(1);
    assertThat(run).hasNotPassed("publish").isWaitingAtExactly("chase");
    assertThat(baton.jsonVariable(run, "strict").path("decided_by").asText()).isEqualTo("system");
  }

  @Test
  void twoPersonRuleNeedsTwoDistinctApproversAndRefusesTheStarter() {
    ProcessInstance run = runStartedBy("alice");

    assertThatThrownBy(() -> baton.approve(run, "review", "alice", "my own plan"))
        .hasMessageContaining("two-person rule: alice started this run and cannot approve");
    assertThat(run).isWaitingAtExactly("review");

    baton.approve(run, "review", "bob", "reviewed the steps");
    assertThat(baton.variable(run, "review__outcome")).isEqualTo("pending");
    assertThat(run).hasPassed("review__again").isWaitingAtExactly("review").hasNotPassed("ship");

    assertThatThrownBy(() -> baton.approve(run, "review", "bob", "again"))
        .hasMessageContaining("two-person rule: bob has already approved");
    assertThat(run).isWaitingAtExactly("review");

    baton.approve(run, "review", "carol", "agree");
    assertThat(run).isWaitingAtExactly("ship");
    assertThat(baton.jsonVariable(run, "review__audit").findValuesAsText("decided_by"))
        .containsExactly("bob", "carol");
  }

  @Test
  void approvalWithoutJustificationIsRefused() {
    ProcessInstance run = runStartedBy("alice");
    assertThatThrownBy(() -> baton.approve(run, "review", "bob", "  "))
        .hasMessageContaining("needs a justification to be approved");
    assertThat(run).isWaitingAtExactly("review");
    assertThat(baton.variable(run, "review__outcome")).isNull();
  }

  @Test
  void requestChangesSendsTheWorkBackWithTheCommentBoundedByMaxIterations() {
    ProcessInstance run = runStartedBy("alice");
    baton.decide(run, "review", "bob", "request_changes", "add a rollback step");
    assertThat(run).hasPassed("plan__merge").isWaitingAtExactly("plan");
    assertThat(baton.variable(run, "plan__feedback")).isEqualTo("add a rollback step");

    baton.completeAgent(run, "plan", "{\"steps\":[\"build\",\"test\",\"rollback\"]}");
    baton.decide(run, "review", "bob", "request_changes", "and a canary");
    baton.completeAgent(run, "plan", "{\"steps\":[\"canary\"]}");

    // max_iterations is 2: a third request is refused
    assertThatThrownBy(() -> baton.decide(run, "review", "bob", "request_changes", "more"))
        .hasMessageContaining("requested 2 times already");
    baton.reject(run, "review", "bob", "enough");
    assertThat(run).isEnded().hasPassed("review__rejected");
  }
}
