package dev.baton.run;

import dev.baton.contract.BpmnConventions;

import static dev.baton.contract.BpmnConventions.VAR_OUTCOME;

import dev.baton.problem.BadRequestException;
import dev.baton.security.Caller;
import dev.baton.security.EngineIdentity;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Lists runs, newest first, a page at a time: only those the caller may read (Camunda's
 * authorizations and tenants decide, as for one run's status). Four queries per page: the
 * runs, their open incidents, their open human tasks, their outcomes.
 */
@Service
public class RunList {

  public static final int MAX_SIZE = 200;
  private static final Set<String> STATES = Set.of("active", "ended");

  /**
   * @param workflow a workflow's id (slug), or null for all
   * @param state {@code active} (not ended), {@code ended}, or null for both
   * @param startedBy a user id, or null
   * @param startedAfter, startedBefore bounds on the start time, or null
   */
  public record Filter(String workflow, String state, String startedBy, Instant startedAfter,
      Instant startedBefore, String tenant, int page, int size) {}

  /**
   * One run in a list; {@code GET /api/workflows/runs/{id}} has its nodes.
   *
   * @param traceId the run's trace, when tracing was on when it started
   */
  public record Summary(String runId, String workflowId, int workflowVersion, String status,
      String tenantId, String startedBy, Instant startedAt, Instant endedAt, String traceId) {}

  public record Page(List<Summary> runs, int page, int size, long total) {}

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final EngineIdentity engine;

  RunList(HistoryService history, RuntimeService runtime, TaskService tasks,
      EngineIdentity engine) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.engine = engine;
  }

  public Page list(Caller caller, Filter filter) {
    check(filter);
    // which runs: the caller's to read, as Camunda decides
    record Found(long total, List<HistoricProcessInstance> runs) {}
    Found found = engine.as(caller, () -> new Found(query(filter).count(), query(filter)
        .orderByProcessInstanceStartTime().desc()
        .listPage(filter.page() * filter.size(), filter.size())));
    if (found.runs().isEmpty()) {
      return new Page(List.of(), filter.page(), filter.size(), found.total());
    }
    // what state those runs are in, read for exactly those runs (a viewer may not read tasks)
    String[] ids = found.runs().stream().map(HistoricProcessInstance::getId)
        .toArray(String[]::new);
    Set<String> withIncidents = runtime.createProcessInstanceQuery()
        .processInstanceIds(Set.of(ids)).withIncident().list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
    Set<String> waiting = tasks.createTaskQuery().processInstanceIdIn(ids).list().stream()
        .map(Task::getProcessInstanceId).collect(Collectors.toSet());
    // outcomes and trace contexts in one query
    Map<String, Object> outcomes = new java.util.HashMap<>();
    Map<String, String> traces = new java.util.HashMap<>();
    history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids)
        .variableNameIn(VAR_OUTCOME, BpmnConventions.VAR_TRACEPARENT).list().stream()
        .filter(v -> v.getValue() != null).forEach(v -> {
          if (VAR_OUTCOME.equals(v.getName())) {
            outcomes.putIfAbsent(v.getProcessInstanceId(), v.getValue());
          } else {
            traces.putIfAbsent(v.getProcessInstanceId(),
                RunStatusReader.traceId(v.getValue()));
          }
        });
    List<Summary> summaries = found.runs().stream().map(run -> new Summary(run.getId(),
        run.getProcessDefinitionKey(), run.getProcessDefinitionVersion(),
        status(run, withIncidents.contains(run.getId()), waiting.contains(run.getId()),
            outcomes.get(run.getId())),
        run.getTenantId(), run.getStartUserId(), instant(run.getStartTime()),
        instant(run.getEndTime()), traces.get(run.getId()))).toList();
    return new Page(summaries, filter.page(), filter.size(), found.total());
  }

  private HistoricProcessInstanceQuery query(Filter filter) {
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery();
    if (filter.workflow() != null) {
      query.processDefinitionKey(filter.workflow());
    }
    if ("active".equals(filter.state())) {
      query.unfinished();
    } else if ("ended".equals(filter.state())) {
      query.finished();
    }
    if (filter.startedBy() != null) {
      query.startedBy(filter.startedBy());
    }
    if (filter.startedAfter() != null) {
      query.startedAfter(Date.from(filter.startedAfter()));
    }
    if (filter.startedBefore() != null) {
      query.startedBefore(Date.from(filter.startedBefore()));
    }
    if (filter.tenant() != null) {
      query.tenantIdIn(filter.tenant());
    }
    return query;
  }

  /**
   * The run's status in the words of its status page, from what one page's queries hold; a
   * run that ended with failed non-critical steps shows as completed here, as
   * partially_completed on its own page (telling them apart reads every node's output).
   */
  static String status(HistoricProcessInstance run, boolean openIncident, boolean waitingHuman,
      Object outcome) {
    if (HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(run.getState())) {
      return "aborted";
    }
    if (run.getEndTime() != null) {
      return outcome != null ? "failed" : "completed";
    }
    if (openIncident) {
      return "failed";
    }
    return waitingHuman ? "waiting_approval" : "running";
  }

  private static void check(Filter filter) {
    if (filter.state() != null && !STATES.contains(filter.state())) {
      throw new BadRequestException("state must be 'active' or 'ended', not '"
          + filter.state() + "'");
    }
    if (filter.page() < 0) {
      throw new BadRequestException("page counts from 0");
    }
    if (filter.size() < 1 || filter.size() > MAX_SIZE) {
      throw new BadRequestException("size must be between 1 and " + MAX_SIZE);
    }
    if (filter.startedAfter() != null && filter.startedBefore() != null
        && filter.startedAfter().isAfter(filter.startedBefore())) {
      throw new BadRequestException("started_after is later than started_before");
    }
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
