package dev.baton.approval;

import dev.baton.budget.RunBudgets;
import dev.baton.contract.BpmnConventions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.BatonCommandFields;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Holds gates and a run's course on the engine, for every command whatever its entry point
 * (Baton's API, {@code /engine-rest}, Tasklist, Cockpit): it runs inside each command, after
 * the engine has opened its context, so it sees the command's authenticated user. Commands
 * without one are the engine's or Baton's own (the job executor, the worker) and pass.
 *
 * <ul>
 *   <li>On a gate or budget-override task, a completion (complete, submit the form, resolve)
 *       and a write or removal of task variables carry only the form's fields ({@code
 *       decision}, {@code comment}, and {@code raise_usd} for an override). What a completion
 *       submits is handed to the task's listener, which decides from nothing else ({@link
 *       SubmittedForms}).
 *   <li>Only administrators change a gate's candidates, end it by a BPMN error or escalation,
 *       or execute, reschedule or delete its timers (escalation, timeout).
 *   <li>Only administrators modify or migrate a run's instance (a start or cancel
 *       instruction can skip a gate, its timers or a budget check), start a run anywhere but
 *       its start event, restart one asynchronously, or with its listeners skipped; anyone
 *       else may restart an ended run only before activities it had reached (what a retry
 *       does). Deleting a run (aborting it) stays with whoever may delete it.
 * </ul>
 *
 * A restarted run carries on its predecessor's budget in force and gate record.
 */
final class GateCommandGuard extends CommandInterceptor {

  private static final Set<String> GATE_FIELDS = Set.of(ApprovalService.FORM_DECISION,
      ApprovalService.FORM_COMMENT);
  private static final Set<String> OVERRIDE_FIELDS = Set.of(ApprovalService.FORM_DECISION,
      ApprovalService.FORM_COMMENT, ApprovalService.FORM_RAISE_USD);

  private final RunBudgets budgets;
  private final GateDecisions decisions;

  GateCommandGuard(RunBudgets budgets, GateDecisions decisions) {
    this.budgets = budgets;
    this.decisions = decisions;
  }

  @Override
  @SuppressWarnings("unchecked") // a start at activities returns what startAt returns
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return next.execute(command);
    }
    if (command instanceof StartProcessInstanceAtActivitiesCmd start) {
      return (T) startAt(context, start);
    }
    if (isRunModification(command)) {
      String user = user(context);
      if (user != null && !isAdmin(context, user)) {
        String run = BatonCommandFields.modifiedInstance(command);
        throw new GuardRefusal("run.modification_refused", user, run, run, "only "
            + "administrators may modify or migrate a run (" + command.getClass().getSimpleName()
            + "): a start or cancel instruction can skip an approval gate, its timers or a "
            + "budget check; abort the run instead, or retry it once it has failed").forEngine();
      }
      return next.execute(command);
    }
    if (BatonCommandFields.isJobCommand(command)) {
      checkJob(context, command);
      return next.execute(command);
    }
    String taskId = BatonCommandFields.taskId(command);
    if (taskId != null) {
      return task(context, command, taskId);
    }
    return next.execute(command);
  }

  // ---------------------------------------------------------------------------------- tasks

  private <T> T task(CommandContext context, Command<T> command, String taskId) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    Set<String> fields = task == null ? null : formFields(context, task);
    if (fields == null) {
      return next.execute(command); // not a gate (or no such task: the engine says so)
    }
    String user = user(context);
    String runId = task.getProcessInstanceId();
    String gate = task.getTaskDefinitionKey();
    String linkType = BatonCommandFields.identityLinkType(command);
    if (linkType != null) {
      if (IdentityLinkType.CANDIDATE.equals(linkType) && user != null
          && !isAdmin(context, user)) {
        throw new GuardRefusal("gate.change_refused", user, gate, runId, "only administrators "
            + "change who may decide '" + task.getName() + "'; its candidates come from the "
            + "workflow and its escalation levels").forEngine();
      }
      return next.execute(command);
    }
    if (BatonCommandFields.throwsFromTask(command) && (user == null || !isAdmin(context, user))) {
      throw new GuardRefusal("gate.change_refused", user, gate, runId, "'" + task.getName()
          + "' ends with a decision (approve, reject, ...) or its timeout, not with a BPMN "
          + "error or escalation").forEngine();
    }
    Set<String> extra = new LinkedHashSet<>(BatonCommandFields.variableNames(command));
    extra.removeAll(fields);
    if (!extra.isEmpty()) {
      throw new GuardRefusal("gate.change_refused", user, gate, runId, "'" + task.getName()
          + "' takes only its form's fields " + fields.stream().sorted().toList()
          + "; refused: " + extra.stream().sorted().toList() + ". Its record is kept by "
          + "Baton, not in variables").forEngine();
    }
    if (!BatonCommandFields.completes(command)) {
      return next.execute(command);
    }
    SubmittedForms.hold(taskId, BatonCommandFields.submitted(command));
    try {
      return next.execute(command);
    } finally {
      SubmittedForms.release(taskId);
    }
  }

  /** The form's fields of a Baton gate or override task, or null for any other task. */
  private static Set<String> formFields(CommandContext context, TaskEntity task) {
    if (task.getProcessDefinitionId() == null) {
      return null;
    }
    ModelElementInstance element = model(context, task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    if (!(element instanceof UserTask userTask)) {
      return null;
    }
    String form = userTask.getCamundaFormRef();
    if (BpmnConventions.APPROVAL_FORM.equals(form)) {
      return GATE_FIELDS;
    }
    return BpmnConventions.BUDGET_OVERRIDE_FORM.equals(form) ? OVERRIDE_FIELDS : null;
  }

  // ----------------------------------------------------------------------------------- jobs

  private void checkJob(CommandContext context, Command<?> command) {
    String user = user(context);
    if (user == null || Context.getJobExecutorContext() != null) {
      return;
    }
    String jobId = BatonCommandFields.jobId(command);
    JobEntity job = jobId == null ? null : context.getJobManager().findJobById(jobId);
    if (jobId != null && job == null) {
      return; // no such job: the engine says so
    }
    if (job != null && !isGateTimer(context, job)) {
      return;
    }
    if (!isAdmin(context, user)) {
      throw new GuardRefusal("gate.change_refused", user, jobId,
          job == null ? null : job.getProcessInstanceId(), "only administrators execute, "
              + "reschedule or delete the timers of an approval gate (its escalations and its "
              + "timeout decide for it)" + (job == null ? " (the job could not be identified)"
                  : "")).forEngine();
    }
  }

  private static boolean isGateTimer(CommandContext context, JobEntity job) {
    if (job.getProcessDefinitionId() == null || job.getActivityId() == null) {
      return false;
    }
    ModelElementInstance element = model(context, job.getProcessDefinitionId())
        .getModelElementById(job.getActivityId());
    if (!(element instanceof BoundaryEvent boundary)
        || !(boundary.getAttachedTo() instanceof UserTask task)) {
      return false;
    }
    String form = task.getCamundaFormRef();
    return BpmnConventions.APPROVAL_FORM.equals(form)
        || BpmnConventions.BUDGET_OVERRIDE_FORM.equals(form);
  }

  // ------------------------------------------------------------------------ a run's course

  private static boolean isRunModification(Command<?> command) {
    return command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd
        || command instanceof ProcessInstanceModificationCmd
        || command instanceof ProcessInstanceModificationBatchCmd
        || command instanceof MigrateProcessInstanceCmd
        || command instanceof MigrateProcessInstanceBatchCmd
        || command instanceof RestartProcessInstancesBatchCmd;
  }

  private ProcessInstanceWithVariables startAt(CommandContext context,
      StartProcessInstanceAtActivitiesCmd command) {
    ProcessInstantiationBuilderImpl start = BatonCommandFields.instantiation(command);
    String restarted = start.getRestartedProcessInstanceId();
    String user = user(context);
    if (user != null && !isAdmin(context, user)) {
      if (restarted == null) {
        throw new GuardRefusal("run.modification_refused", user, start.getProcessDefinitionKey(),
            null, "a run starts at its start event; only administrators start one at chosen "
                + "activities (that would skip its gates and budget checks)").forEngine();
      }
      if (start.getModificationBuilder().isSkipCustomListeners()) {
        throw new GuardRefusal("run.modification_refused", user, restarted, restarted,
            "only administrators restart a run with its listeners skipped (they hold its "
                + "gates and budget checks)").forEngine();
      }
      List<AbstractProcessInstanceModificationCommand> instructions =
          start.getModificationBuilder().getModificationOperations();
      for (AbstractProcessInstanceModificationCommand instruction : instructions) {
        String activity = BatonCommandFields.startBeforeActivity(instruction);
        if (activity == null || !reached(context, restarted, activity)) {
          throw new GuardRefusal("run.modification_refused", user, restarted, restarted,
              "a run is restarted only before an activity it had reached (where it failed); "
                  + "refused: " + BatonCommandFields.describe(instruction)).forEngine();
        }
      }
    }
    ProcessInstanceWithVariables started = next.execute(command);
    if (restarted != null && started != null) {
      budgets.carryOver(restarted, started.getId());
      decisions.carryOver(restarted, started.getId());
    }
    return started;
  }

  private static boolean reached(CommandContext context, String runId, String activityId) {
    return context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
        .getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(runId)
        .activityId(activityId).count() > 0);
  }

  // ---------------------------------------------------------------------------------- users

  private static String user(CommandContext context) {
    Authentication auth = context.getAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  private static boolean isAdmin(CommandContext context, String user) {
    Authentication auth = context.getAuthentication();
    if (auth != null && auth.getGroupIds() != null
        && auth.getGroupIds().contains(Deciders.ADMIN_GROUP)) {
      return true;
    }
    return context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
        .getIdentityService().createGroupQuery().groupMember(user)
        .groupId(Deciders.ADMIN_GROUP).count() > 0);
  }

  private static BpmnModelInstance model(CommandContext context, String processDefinitionId) {
    return context.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(processDefinitionId);
  }
}
