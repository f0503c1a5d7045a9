package dev.baton.api;

import dev.baton.replay.ReplayReport;
import dev.baton.replay.ReplayRequest;
import dev.baton.replay.ReplayService;
import dev.baton.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replay of a run against a changed spec or changed prompts (docs/replay.md). */
@RestController
@RequestMapping("/api/workflows/runs")
class ReplayController {

  private final ReplayService replays;

  ReplayController(ReplayService replays) {
    this.replays = replays;
  }

  @PostMapping("/{runId}/replay")
  @Operation(summary = "Replay a run", description = "A dry run of a finished (or running) "
      + "run against a changed spec ({\"spec\": {...}}) or changed prompts ({\"prompts\": "
      + "{\"node_id\": \"text\"}}), or both, from its reply journal and gate decisions: per node "
      + "same, prompt_changed (with a unified diff), new, removed, skipped, path_changed, "
      + "decision_reused, would_wait_for_approval; the recorded cost, the worst case of new "
      + "calls, whether the new budget cap would have stopped the run. No model is called, "
      + "nothing is written to the ledger, no process instance is started. Whoever may read "
      + "the run may replay it.")
  @ApiResponse(responseCode = "200", description = "the replay's report")
  @ApiResponse(responseCode = "404", description = "no such run, or one the caller may not read")
  @ApiResponse(responseCode = "422", description = "the spec or a prompt is invalid (errors with "
      + "JSON paths, as deploy answers), or the run is of hand-written BPMN")
  ReplayReport replay(@PathVariable String runId,
      @RequestBody(required = false) ReplayRequest request, Caller caller) {
    return replays.replay(caller, runId, request == null ? new ReplayRequest(null, null)
        : request);
  }
}
