package dev.baton.api;

import dev.baton.budget.CostBreakdown;
import dev.baton.budget.CostReport;
import dev.baton.run.RunList;
import dev.baton.run.RunService;
import dev.baton.run.RunStatus;
import dev.baton.security.Caller;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs: status with per-node detail, abort, retry; each only for whoever may see the run. */
@RestController
@RequestMapping("/api/workflows/runs")
class RunController {

  private final RunService runs;
  private final CostReport costs;
  private final RunList runList;

  RunController(RunService runs, CostReport costs, RunList runList) {
    this.runs = runs;
    this.costs = costs;
    this.runList = runList;
  }

  record Abort(String reason) {}

  /**
   * Runs the caller may read, newest first. {@code state}: {@code active} or {@code ended};
   * times as ISO-8601 instants.
   */
  @GetMapping
  RunList.Page list(@RequestParam(required = false) String workflow,
      @RequestParam(required = false) String state,
      @RequestParam(name = "started_by", required = false) String startedBy,
      @RequestParam(name = "started_after", required = false) Instant startedAfter,
      @RequestParam(name = "started_before", required = false) Instant startedBefore,
      @RequestParam(required = false) String tenant,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size, Caller caller) {
    return runList.list(caller, new RunList.Filter(workflow, state, startedBy, startedAfter,
        startedBefore, tenant, page, size));
  }

  @GetMapping("/{runId}")
  RunStatus status(@PathVariable String runId, Caller caller) {
    return runs.status(caller, runId);
  }

  /** What the run cost so far: per agent type, per tool, and every ledger entry. */
  @GetMapping("/{runId}/cost")
  CostBreakdown cost(@PathVariable String runId, Caller caller) {
    // the ledger is Baton's; whether the caller may see the run is the engine's to say
    runs.requireReadable(caller, runId);
    return costs.of(runId);
  }

  @PostMapping("/{runId}/abort")
  RunStatus abort(@PathVariable String runId, @RequestBody(required = false) Abort request,
      Caller caller) {
    return ConflictRetry.retry(
        () -> runs.abort(caller, runId, request == null ? null : request.reason()));
  }

  /** Retries a failed run; a run that had ended continues as a new run (see its id). */
  @PostMapping("/{runId}/retry")
  RunStatus retry(@PathVariable String runId, Caller caller) {
    return ConflictRetry.retry(() -> runs.retry(caller, runId));
  }
}
