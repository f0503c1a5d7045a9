package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.baton.contract.JsonValues;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's rules on the engine itself, whatever calls it: only an authenticated candidate or
 * an administrator decides, a completion carries only the form's fields, the record the rules
 * read is Baton's table (a forged variable changes nothing), and only administrators change a
 * gate's candidates or timers, end it by a BPMN error, or move a run past it. Every refusal is
 * a 403 {@link AuthorizationException} and is audited.
 */
class GateGuardProcessTest extends ProcessTestSupport {

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(new Date(1_800_000_000_000L));
  }

  /** gate-policies: 'review' for product-owner, two persons, justification, 2 change rounds. */
  private ProcessInstance waitingAtReview() {
    String key = baton.deploy(ProcessTestEngine.testSpec("gate-policies"));
    ProcessInstance[] run = new ProcessInstance[1];
    baton.as("alice", () -> run[0] = baton.start(key, "{\"task\":\"release\"}"));
    baton.completeAgent(run[0], "plan", "{\"steps\":[\"build\"]}");
    assertThat(run[0]).isWaitingAtExactly("review");
    return run[0];
  }

  private Task review(ProcessInstance run) {
    return baton.tasks().createTaskQuery().processInstanceId(run.getId())
        .taskDefinitionKey("review").singleResult();
  }

  private static Map<String, Object> form(String decision, String comment) {
    Map<String, Object> form = new HashMap<>();
    form.put("decision", decision);
    form.put("comment", comment);
    return form;
  }

  private List<String> audited(ProcessInstance run) {
    return baton.jdbc().queryForList("SELECT action FROM baton_audit_log WHERE run_id = ? "
        + "ORDER BY seq", String.class, run.getId());
  }

  @Test
  void someoneWhoIsNoCandidateCannotDecideEvenAsTheTasksAssignee() {
    ProcessInstance run = waitingAtReview();
    String task = review(run).getId();
    // anyone may claim through the engine's API; the assignee is no candidate for it
    baton.as("mallory", () -> baton.tasks().claim(task, "mallory"));

    assertThatThrownBy(() -> baton.completeAs("mallory", task, form("approve", "mine")))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("user 'mallory' may not decide 'Review the plan'")
        .hasMessageContaining("group 'product-owner'");
    assertThatThrownBy(() -> baton.tasks().complete(task, form("approve", "nobody")))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("is decided by a person");
    assertThat(run).isWaitingAtExactly("review");
    assertThat(baton.gateDecisions().approvers(run.getId(), "review")).isEmpty();
    assertThat(audited(run)).containsExactly("gate.decision_refused", "gate.decision_refused");

    // an administrator may decide any gate
    baton.completeAs("root", task, form("reject", "not like this"));
    assertThat(run).isEnded().hasPassed("review__rejected");
    assertThat(audited(run)).endsWith("gate.decided");
  }

  @Test
  void aCompletionCarriesOnlyTheFormsFields() {
    ProcessInstance run = waitingAtReview();
    Map<String, Object> forged = form("approve", "fine");
    forged.put("review__audit", JsonValues.toVariable(ProcessTestEngine.json(
        "[{\"decision\":\"approve\",\"decided_by\":\"bob\",\"outcome\":\"pending\"}]")));
    forged.put("baton_budget_usd", 1000.0);

    assertThatThrownBy(() -> baton.completeAs("carol", review(run).getId(), forged))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("takes only its form's fields [comment, decision]")
        .hasMessageContaining("refused: [baton_budget_usd, review__audit]");
    // nor through the task's variables, which a candidate may otherwise write
    assertThatThrownBy(() -> baton.as("carol", () -> baton.tasks()
        .setVariable(review(run).getId(), "review__outcome", "approved")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> baton.as("carol", () -> baton.tasks()
        .removeVariable(review(run).getId(), "review__audit")))
        .isInstanceOf(AuthorizationException.class);
    baton.as("carol", () -> baton.tasks().setVariableLocal(review(run).getId(), "comment",
        "a draft"));
    assertThat(run).isWaitingAtExactly("review");
  }

  @Test
  void aForgedAuditVariableDoesNotMakeOneApprovalTwo() {
    ProcessInstance run = waitingAtReview();
    // what carol did through PUT /engine-rest/process-instance/{id}/variables/review__audit
    baton.runtime().setVariable(run.getId(), "review__audit", JsonValues.toVariable(
        ProcessTestEngine.json("[{\"decision\":\"approve\",\"decided_by\":\"bob\","
            + "\"outcome\":\"pending\"}]")));

    baton.approve(run, "review", "carol", "looks right");

    assertThat(run).isWaitingAtExactly("review").hasNotPassed("ship");
    assertThat(baton.variable(run, "review__outcome")).isEqualTo("pending");
    assertThat(baton.gateDecisions().approvers(run.getId(), "review")).containsExactly("carol");
    // the display copy is Baton's record again
    assertThat(baton.jsonVariable(run, "review__audit").findValuesAsText("decided_by"))
        .containsExactly("carol");
    baton.approve(run, "review", "bob", "second pair of eyes");
    assertThat(run).isWaitingAtExactly("ship");
  }

  @Test
  void forgingTheAuditVariableDoesNotResetTheChangeRounds() {
    ProcessInstance run = waitingAtReview();
    for (int round = 1; round <= 2; round++) {
      baton.decide(run, "review", "bob", "request_changes", "round " + round);
      baton.completeAgent(run, "plan", "{\"steps\":[\"v" + round + "\"]}");
    }
    baton.runtime().setVariable(run.getId(), "review__audit",
        JsonValues.toVariable(ProcessTestEngine.json("[]")));

    assertThatThrownBy(() -> baton.decide(run, "review", "bob", "request_changes", "more"))
        .hasMessageContaining("requested 2 times already");
    assertThat(baton.gateDecisions().changeRounds(run.getId(), "review")).isEqualTo(2);
  }

  @Test
  void onlyAdministratorsChangeAGatesCandidatesOrTimersOrEndItByAnError() {
    ProcessInstance run = waitingAtReview();
    String task = review(run).getId();
    assertThatThrownBy(() -> baton.as("mallory", () -> baton.tasks()
        .addCandidateUser(task, "mallory"))).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("only administrators change who may decide");
    assertThatThrownBy(() -> baton.as("carol", () -> baton.tasks()
        .deleteCandidateGroup(task, "product-owner"))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> baton.as("carol", () -> baton.tasks()
        .handleBpmnError(task, "BUDGET_EXCEEDED"))).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("not with a BPMN error");
    String timeout = baton.job(run, "review__timeout").getId();
    assertThatThrownBy(() -> baton.as("carol", () -> baton.management().executeJob(timeout)))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("timers of an approval gate");
    assertThatThrownBy(() -> baton.as("carol", () -> baton.management()
        .setJobDuedate(timeout, new Date()))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> baton.as("carol", () -> baton.management().deleteJob(timeout)))
        .isInstanceOf(AuthorizationException.class);
    assertThat(run).isWaitingAtExactly("review");
    assertThat(baton.tasks().getIdentityLinksForTask(task)).hasSize(1);

    // an administrator may; the engine itself (a timer firing) always may
    baton.as("root", () -> baton.tasks().addCandidateUser(task, "dana"));
    assertThat(baton.tasks().getIdentityLinksForTask(task)).hasSize(2);
  }

  @Test
  void onlyAdministratorsModifyARunPastItsGate() {
    ProcessInstance run = waitingAtReview();
    assertThatThrownBy(() -> baton.as("alice", () -> baton.runtime()
        .createProcessInstanceModification(run.getId())
        .cancelAllForActivity("review").startBeforeActivity("ship").execute()))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("only administrators may modify or migrate a run");
    assertThatThrownBy(() -> baton.as("alice", () -> baton.runtime()
        .createProcessInstanceModification(run.getId())
        .startBeforeActivity("ship").executeAsync()))
        .isInstanceOf(AuthorizationException.class);
    assertThat(run).isWaitingAtExactly("review");
    assertThat(audited(run)).containsExactly("run.modification_refused",
        "run.modification_refused");

    baton.as("root", () -> baton.runtime().createProcessInstanceModification(run.getId())
        .cancelAllForActivity("review").startBeforeActivity("ship").execute());
    assertThat(run).isWaitingAtExactly("ship");
  }

  @Test
  void aRunStartsAtItsStartEventUnlessAnAdministratorSaysOtherwise() {
    String key = baton.deploy(ProcessTestEngine.testSpec("gate-policies"));
    assertThatThrownBy(() -> baton.as("alice", () -> baton.runtime()
        .createProcessInstanceByKey(key).startBeforeActivity("ship").execute()))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("a run starts at its start event");
    assertThat(baton.runtime().createProcessInstanceQuery().processDefinitionKey(key).count())
        .isZero();
  }

  @Test
  void aRestartResumesOnlyWhereTheRunHadGotTo() {
    ProcessInstance run = waitingAtReview();
    baton.approve(run, "review", "bob", "one");
    baton.reject(run, "review", "carol", "no after all");
    assertThat(run).isEnded();
    String definition = run.getProcessDefinitionId();

    assertThatThrownBy(() -> baton.as("alice", () -> baton.runtime()
        .restartProcessInstances(definition).startBeforeActivity("ship")
        .processInstanceIds(run.getId()).execute()))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("restarted only before an activity it had reached");
    assertThatThrownBy(() -> baton.as("alice", () -> baton.runtime()
        .restartProcessInstances(definition).startBeforeActivity("review")
        .processInstanceIds(run.getId()).skipCustomListeners().execute()))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("listeners skipped");

    baton.as("alice", () -> baton.runtime().restartProcessInstances(definition)
        .startBeforeActivity("review").processInstanceIds(run.getId()).execute());
    HistoricProcessInstance restarted = baton.history().createHistoricProcessInstanceQuery()
        .processDefinitionId(definition).list().stream()
        .filter(p -> run.getId().equals(p.getRestartedProcessInstanceId())).findFirst()
        .orElseThrow();
    // the new run carries the old one's record and budget on
    assertThat(baton.gateDecisions().approvers(restarted.getId(), "review"))
        .containsExactly("bob");
    assertThat(baton.runBudgets().of(restarted.getId()))
        .isEqualTo(baton.runBudgets().of(run.getId()));
    // alice started the first run: she still cannot be the second person
    Task task = baton.tasks().createTaskQuery().processInstanceId(restarted.getId())
        .singleResult();
    assertThatThrownBy(() -> baton.completeAs("alice", task.getId(), form("approve", "ok")))
        .hasMessageContaining("alice started this run");
  }
}
