package dev.baton.run;

import dev.baton.contract.BpmnConventions;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * The runs a trace id belongs to, for an operator who found the id in a log line or a tracing
 * backend: a run keeps its W3C context in {@link BpmnConventions#VAR_TRACEPARENT}, so the id
 * leads back to the run (and to the runs a retry continued it as) and their node timelines.
 */
@Service
public class RunTraces {

  /** A W3C trace id: 32 lowercase hex digits, not all zero. */
  private static final Pattern TRACE_ID = Pattern.compile("(?!0{32})[0-9a-f]{32}");
  /** More runs than this under one trace would mean something other than retries. */
  static final int MAX_RUNS = 20;

  private final HistoryService history;
  private final ManagementService management;
  private final RunService runs;

  RunTraces(HistoryService history, ManagementService management, RunService runs) {
    this.history = history;
    this.management = management;
    this.runs = runs;
  }

  /**
   * A trace: every run the caller may read whose context carries the trace id, oldest first.
   *
   * @throws BadRequestException when the id is not a W3C trace id
   * @throws NotFoundException when no run the caller may read has it
   */
  public RunTrace trace(Caller caller, String traceId) {
    String id = traceId == null ? "" : traceId.strip();
    if (!TRACE_ID.matcher(id).matches()) {
      throw new BadRequestException("'" + abbreviate(id) + "' is not a trace id: a trace id is "
          + "32 lowercase hex digits, as in a run's trace_id or a log line's trace= pair");
    }
    List<RunStatus> found = runIds(id).stream().map(run -> readable(caller, run))
        .filter(Objects::nonNull)
        .sorted(Comparator.comparing(RunStatus::startedAt,
            Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
    if (found.isEmpty()) {
      throw new NotFoundException("no run you may read has trace " + id
          + " (tracing may have been off when it started, or its history was cleaned up)");
    }
    return new RunTrace(id, found);
  }

  /**
   * Runs whose context names the trace. A native query, as the id sits inside the context's
   * text; the id is checked above and bound as a parameter, never written into the SQL.
   * Authorization is applied afterwards, run by run.
   */
  private List<String> runIds(String traceId) {
    String table = management.getTableName(HistoricVariableInstance.class);
    return history.createNativeHistoricVariableInstanceQuery()
        .sql("SELECT * FROM " + table + " WHERE NAME_ = #{name} AND TEXT_ LIKE #{context}")
        .parameter("name", BpmnConventions.VAR_TRACEPARENT)
        .parameter("context", "00-" + traceId + "-%")
        .listPage(0, MAX_RUNS).stream()
        .map(HistoricVariableInstance::getProcessInstanceId)
        .filter(Objects::nonNull).distinct().toList();
  }

  private RunStatus readable(Caller caller, String runId) {
    try {
      return runs.status(caller, runId);
    } catch (NotFoundException | ForbiddenException | AuthorizationException hidden) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
  }

  /**
   * The runs of one trace.
   *
   * @param runs each run's status, with its nodes' start and end times: the trace's timeline
   *     as Baton keeps it (the spans themselves go to the OTLP backend)
   */
  public record RunTrace(String traceId, List<RunStatus> runs) {}
}
