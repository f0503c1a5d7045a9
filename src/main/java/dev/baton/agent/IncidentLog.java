package dev.baton.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Says so whenever the worker turns an agent task into an incident: a warning in the log with
 * the run, the node and the cause, and the counter {@code baton.incidents} (tagged {@code
 * workflow} and {@code cause}: {@code retries_exhausted}, {@code patience_exhausted} or {@code
 * permanent}), so that an incident is never silent and a storm of them shows on a dashboard.
 */
@Component
class IncidentLog {

  private static final Logger log = LoggerFactory.getLogger(IncidentLog.class);

  /** Why the worker raised an incident. */
  enum Cause {
    RETRIES_EXHAUSTED, PATIENCE_EXHAUSTED, PERMANENT;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry meters;

  IncidentLog(ObjectProvider<MeterRegistry> meters) {
    this.meters = meters.getIfAvailable();
  }

  void raised(LockedExternalTask task, String nodeId, Cause cause, String message) {
    log.warn("Incident raised for agent task {} of node '{}' in run {} ({}, {}): {}",
        task.getId(), nodeId, task.getProcessInstanceId(), task.getProcessDefinitionKey(),
        cause.tag(), message);
    if (meters != null) {
      Counter.builder("baton.incidents")
          .description("Incidents raised by the agent worker")
          .tag("workflow", String.valueOf(task.getProcessDefinitionKey()))
          .tag("cause", cause.tag())
          .register(meters).increment();
    }
  }
}
