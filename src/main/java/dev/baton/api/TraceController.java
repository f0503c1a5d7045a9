package dev.baton.api;

import dev.baton.run.RunTraces;
import dev.baton.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Traces: from a trace id (a log line's {@code trace=}, a tracing backend) to its runs. */
@RestController
@RequestMapping("/api/traces")
class TraceController {

  private final RunTraces traces;

  TraceController(RunTraces traces) {
    this.traces = traces;
  }

  /**
   * The runs the caller may read whose trace this is (a run, and the runs a retry continued it
   * as), oldest first, each with its nodes' timeline.
   */
  @GetMapping("/{traceId}")
  RunTraces.RunTrace trace(@PathVariable String traceId, Caller caller) {
    return traces.trace(caller, traceId);
  }
}
