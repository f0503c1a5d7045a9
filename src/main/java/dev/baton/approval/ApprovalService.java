package dev.baton.approval;

import dev.baton.problem.ConflictException;
import dev.baton.problem.NotFoundException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Lists and decides approval gates for the REST API. It completes the task as the user, with
 * the user's groups, and with the same variables the Tasklist form submits ({@code decision},
 * {@code comment}); the engine's completion checks who may decide ({@link Deciders}) and {@link
 * GateListener#record} turns it into the gate's decision record and enforces the gate's rules,
 * so Tasklist, {@code /engine-rest} and the API cannot disagree.
 */
@Service
public class ApprovalService {

  static final String ADMIN_GROUP = Deciders.ADMIN_GROUP;

  public static final String FORM_DECISION = "decision";
  public static final String FORM_COMMENT = "comment";
  /** A budget-override approval's raise of the run's budget, in USD. */
  public static final String FORM_RAISE_USD = "raise_usd";

  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;
  private final GateDecisions decisions;

  public ApprovalService(TaskService tasks, HistoryService history, IdentityService identity,
      GateDecisions decisions) {
    this.tasks = tasks;
    this.history = history;
    this.identity = identity;
    this.decisions = decisions;
  }

  public List<PendingApproval> pending(String user) {
    List<Task> open;
    if (groupsOf(user).contains(ADMIN_GROUP)) {
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
  }

  public void decide(String taskId, String user, Decision decision, String comment) {
    decide(taskId, user, decision, comment, null);
  }

  /** @param raiseUsd for a budget-override approval: the raise of the run's budget, or null */
  public void decide(String taskId, String user, Decision decision, String comment,
      java.math.BigDecimal raiseUsd) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      boolean decided = history.createHistoricTaskInstanceQuery().taskId(taskId).finished()
          .count() > 0;
      if (decided) {
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
    // as the user with their groups: with authorization on, the engine checks what they may do
    identity.setAuthentication(user, groupsOf(user));
    try {
      tasks.complete(taskId, form);
    } catch (ProcessEngineException e) {
      if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
        throw new ConflictException("approval " + taskId + " was decided by someone else just now");
      }
      throw e;
    } finally {
      identity.clearAuthentication();
    }
  }

  private List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
        .toList();
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
