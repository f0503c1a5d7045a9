package org.camunda.bpm.engine.impl.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * What Baton's engine guards read from Camunda's commands, for every command they guard, built
 * as Camunda's services build them: if an upgrade moves a field, this fails (and, for the two
 * read by reflection, the guard refuses rather than lets through).
 */
class BatonCommandFieldsTest {

  @Test
  void taskCommandsNameTheirTaskAndTheVariablesTheyWrite() {
    var complete = new CompleteTaskCmd("t1", Map.of("decision", "approve", "x", 1));
    assertThat(BatonCommandFields.taskId(complete)).isEqualTo("t1");
    assertThat(BatonCommandFields.completes(complete)).isTrue();
    assertThat(BatonCommandFields.variableNames(complete)).containsExactlyInAnyOrder("decision",
        "x");
    assertThat(BatonCommandFields.submitted(complete)).containsEntry("decision", "approve");

    var resolve = new ResolveTaskCmd("t2", Map.of("y", 1));
    assertThat(BatonCommandFields.taskId(resolve)).isEqualTo("t2");
    assertThat(BatonCommandFields.completes(resolve)).isFalse();
    assertThat(BatonCommandFields.variableNames(resolve)).containsExactly("y");

    var submit = new SubmitTaskFormCmd("t3", Variables.createVariables()
        .putValue("comment", "ok"), false, false);
    assertThat(BatonCommandFields.taskId(submit)).isEqualTo("t3");
    assertThat(BatonCommandFields.completes(submit)).isTrue();
    assertThat(BatonCommandFields.submitted(submit)).containsEntry("comment", "ok");

    var set = new SetTaskVariablesCmd("t4", Map.of("a", 1), false);
    assertThat(BatonCommandFields.taskId(set)).isEqualTo("t4");
    assertThat(BatonCommandFields.variableNames(set)).containsExactly("a");
    var patch = new PatchTaskVariablesCmd("t5", Map.of("b", 1), List.of("c"), true);
    assertThat(BatonCommandFields.taskId(patch)).isEqualTo("t5");
    assertThat(BatonCommandFields.variableNames(patch)).containsExactlyInAnyOrder("b", "c");
    var remove = new RemoveTaskVariablesCmd("t6", List.of("d"), false);
    assertThat(BatonCommandFields.taskId(remove)).isEqualTo("t6");
    assertThat(BatonCommandFields.variableNames(remove)).containsExactly("d");

    var error = new HandleTaskBpmnErrorCmd("t7", "CODE", "why", Map.of("e", 1));
    assertThat(BatonCommandFields.taskId(error)).isEqualTo("t7");
    assertThat(BatonCommandFields.throwsFromTask(error)).isTrue();
    assertThat(BatonCommandFields.variableNames(error)).containsExactly("e");
    var escalation = new HandleTaskEscalationCmd("t8", "ESC", Map.of("f", 1));
    assertThat(BatonCommandFields.taskId(escalation)).isEqualTo("t8");
    assertThat(BatonCommandFields.throwsFromTask(escalation)).isTrue();

    var addGroup = new AddGroupIdentityLinkCmd("t9", "g", "candidate");
    assertThat(BatonCommandFields.taskId(addGroup)).isEqualTo("t9");
    assertThat(BatonCommandFields.identityLinkType(addGroup)).isEqualTo("candidate");
    var addUser = new AddUserIdentityLinkCmd("t10", "u", "candidate");
    assertThat(BatonCommandFields.taskId(addUser)).isEqualTo("t10");
    var delete = new DeleteGroupIdentityLinkCmd("t11", "g", "candidate");
    assertThat(BatonCommandFields.taskId(delete)).isEqualTo("t11");
    assertThat(BatonCommandFields.identityLinkType(delete)).isEqualTo("candidate");
    assertThat(BatonCommandFields.identityLinkType(complete)).isNull();

    assertThat(BatonCommandFields.taskId(new ClaimTaskCmd("t12", "u"))).isNull();
  }

  @Test
  void jobCommandsNameTheirJob() {
    var execute = new ExecuteJobsCmd("j1", new JobFailureCollector("j1"));
    var due = new SetJobDuedateCmd("j2", new Date(), false);
    var recalc = new RecalculateJobDuedateCmd("j3", true);
    var delete = new DeleteJobCmd("j4");
    assertThat(List.of(execute, due, recalc, delete)).allMatch(BatonCommandFields::isJobCommand);
    assertThat(BatonCommandFields.jobId(execute)).isEqualTo("j1");
    // private fields, read by reflection
    assertThat(BatonCommandFields.jobId(due)).isEqualTo("j2");
    assertThat(BatonCommandFields.jobId(recalc)).isEqualTo("j3");
    assertThat(BatonCommandFields.jobId(delete)).isEqualTo("j4");
  }

  @Test
  void instantiationsAndModificationsNameWhatTheyDo() {
    ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl)
        ProcessInstantiationBuilderImpl.createProcessInstanceByKey(null, "flow");
    builder.startBeforeActivity("deploy");
    builder.setRestartedProcessInstanceId("old-run");
    var start = new StartProcessInstanceAtActivitiesCmd(builder);
    assertThat(BatonCommandFields.instantiation(start).getRestartedProcessInstanceId())
        .isEqualTo("old-run");
    var instructions = BatonCommandFields.instantiation(start).getModificationBuilder()
        .getModificationOperations();
    assertThat(instructions).hasSize(1);
    assertThat(BatonCommandFields.startBeforeActivity(instructions.get(0))).isEqualTo("deploy");
    assertThat(BatonCommandFields.describe(instructions.get(0))).contains("deploy");

    var modification = new ProcessInstanceModificationBuilderImpl((CommandExecutor) null, "run-1");
    assertThat(BatonCommandFields.modifiedInstance(new ModifyProcessInstanceCmd(modification)))
        .isEqualTo("run-1");
    assertThat(BatonCommandFields.modifiedInstance(
        new ModifyProcessInstanceAsyncCmd(modification))).isEqualTo("run-1");
    modification.startAfterActivity("deploy");
    assertThat(BatonCommandFields.startBeforeActivity(
        modification.getModificationOperations().get(0))).isNull();
  }
}
