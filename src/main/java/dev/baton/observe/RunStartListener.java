package dev.baton.observe;

import dev.baton.contract.BpmnConventions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Opens a run's trace when it starts, in the starter's thread (the REST request's, so the run
 * joins its trace), and keeps the context in the run's variable for the workers and the other
 * engine nodes. A run that already has one (restarted by a retry with its variables) keeps it.
 */
final class RunStartListener implements ExecutionListener {

  private final RunTracing tracing;
  private final RunTraceCache traces;

  RunStartListener(RunTracing tracing, RunTraceCache traces) {
    this.tracing = tracing;
    this.traces = traces;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String runId = execution.getProcessInstanceId();
    if (!execution.getId().equals(runId)) {
      return;
    }
    Object known = execution.getVariable(BpmnConventions.VAR_TRACEPARENT);
    if (Traceparent.parse(known) != null) {
      traces.put(runId, (String) known);
      return;
    }
    String workflow = execution.getProcessDefinitionId() == null ? ""
        : execution.getProcessDefinitionId().split(":")[0];
    String context = tracing.startRun(runId, workflow, execution.getTenantId());
    if (context != null) {
      execution.setVariable(BpmnConventions.VAR_TRACEPARENT, context);
    }
    traces.put(runId, context == null ? "" : context);
  }
}
