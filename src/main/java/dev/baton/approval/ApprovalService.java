package dev.baton.approval;

import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import dev.baton.security.EngineIdentity;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Lists and decides approval gates for the REST API. It checks who may decide and then
 * completes the task with the same variables the Tasklist form submits ({@code decision},
 * {@code comment}); {@link GateListener#record} turns either into the gate's decision record and
 * enforces the gate's criteria, so Tasklist and the API cannot disagree.
 */
@Service
public class ApprovalService {

  public static final String FORM_DECISION = "decision";
  public static final String FORM_COMMENT = "comment";
  /** A budget-override approval's raise of the run's budget, in USD. */
  public static final String FORM_RAISE_USD = "raise_usd";

  private final TaskService tasks;
  private final HistoryService history;
  private final EngineIdentity engine;
  private final GateDecisions decisions;

  public ApprovalService(TaskService tasks, HistoryService history, EngineIdentity engine,
      GateDecisions decisions) {
    this.tasks = tasks;
    this.history = history;
    this.engine = engine;
    this.decisions = decisions;
  }

  /**
   * The open gates the caller may decide: those they are a candidate for (as a user or through
   * a group) or assigned to; all of them for administrators. The engine filters by tenant.
   */
  public List<PendingApproval> pending(Caller caller) {
    return engine.as(caller, () -> {
      String user = caller.userId();
      List<Task> open;
      if (caller.isAdmin()) {
        open = tasks.createTaskQuery().active().orderByTaskCreateTime().asc().list();
      } else {
        // candidate via user or group (Camunda resolves the groups), plus tasks assigned to them
        Map<String, Task> byId = new LinkedHashMap<>();
        tasks.createTaskQuery().active().taskCandidateUser(user).includeAssignedTasks()
            .orderByTaskCreateTime().asc().list().forEach(t -> byId.put(t.getId(), t));
        tasks.createTaskQuery().active().taskAssignee(user).list()
            .forEach(t -> byId.putIfAbsent(t.getId(), t));
        open = List.copyOf(byId.values());
      }
      return open.stream().map(this::toPending).toList();
    });
  }

  public void decide(Caller caller, String taskId, Decision decision, String comment) {
    decide(caller, taskId, decision, comment, null);
  }

  /**
   * Completes the gate as the caller: the engine checks they may work on the task (and in
   * which tenant), the gate's complete listener checks the gate's rules.
   *
   * @param raiseUsd for a budget-override approval: the raise of the run's budget, or null
   */
  public void decide(Caller caller, String taskId, Decision decision, String comment,
      java.math.BigDecimal raiseUsd) {
    // looked up by Baton, so that a member of the run's tenant who is no candidate learns why
    // (403); another tenant's gate does not exist for the caller (404)
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || !caller.sees(task.getTenantId())) {
      var decided = history.createHistoricTaskInstanceQuery().taskId(taskId).finished()
          .singleResult();
      if (decided != null && caller.sees(decided.getTenantId())) {
        throw new ConflictException("approval " + taskId + " has already been decided");
      }
      throw new NotFoundException("no pending approval '" + taskId + "'");
    }
    Map<String, Object> form = new HashMap<>();
    form.put(FORM_DECISION, decision.value());
    form.put(FORM_COMMENT, comment);
    if (raiseUsd != null) {
      form.put(FORM_RAISE_USD, raiseUsd.doubleValue());
    }
    // who may decide is the engine's to say: Camunda's task authorizations, then the gate's
    // complete listener (Deciders), whatever the entry point
    try {
      engine.run(caller, () -> tasks.complete(taskId, form));
    } catch (AuthorizationException e) {
      throw new ForbiddenException("user '" + caller.userId() + "' may not decide '"
          + task.getName() + "': it needs a member of "
          + Deciders.describe(tasks.getIdentityLinksForTask(taskId)));
    } catch (ProcessEngineException e) {
      if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
        throw new ConflictException("approval " + taskId + " was decided by someone else just now");
      }
      throw e;
    }
  }

  private PendingApproval toPending(Task task) {
    List<IdentityLink> links = tasks.getIdentityLinksForTask(task.getId());
    int level = decisions.escalationLevel(task.getProcessInstanceId(),
        task.getTaskDefinitionKey());
    return new PendingApproval(
        task.getId(),
        task.getProcessInstanceId(),
        task.getTaskDefinitionKey(),
        task.getName(),
        task.getProcessDefinitionId().split(":")[0],
        instant(task.getCreateTime()),
        instant(task.getDueDate()),
        links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
            .map(IdentityLink::getGroupId).filter(g -> g != null).toList(),
        links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
            .map(IdentityLink::getUserId).filter(u -> u != null).toList(),
        level);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
