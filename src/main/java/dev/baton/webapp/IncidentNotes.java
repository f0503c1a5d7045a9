package dev.baton.webapp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every incident tells the operator in Cockpit where to go on: its annotation (a column of
 * Cockpit's incident list) names the node and points at the run's status in Baton's API and
 * at the guide for failed runs. An incident the engine raises for a failed job (a timer, an
 * asynchronous step) is also logged and counted in {@code baton.incidents}, as the worker
 * does for the agent tasks it gives up on. Runs in the transaction that raises the incident,
 * on whichever engine node that is.
 */
@Component
class IncidentNotes extends AbstractProcessEnginePlugin {

  static final String GUIDE = "/docs/operations#when-a-run-fails";

  private static final Logger log = LoggerFactory.getLogger(IncidentNotes.class);

  private final ObjectProvider<MeterRegistry> meters;

  IncidentNotes(ObjectProvider<MeterRegistry> meters) {
    this.meters = meters;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
    handlers.add(new Annotating(Incident.FAILED_JOB_HANDLER_TYPE));
    handlers.add(new Annotating(Incident.EXTERNAL_TASK_HANDLER_TYPE));
    configuration.setCustomIncidentHandlers(handlers);
  }

  /** The annotation of an incident of this node in this run. */
  static String note(String runId, String activityId) {
    return "Baton: node '" + activityId + "' of run " + runId + "; the run's status: GET "
        + "/api/workflows/runs/" + runId + "; what to do: " + GUIDE;
  }

  private final class Annotating extends DefaultIncidentHandler {

    Annotating(String type) {
      super(type);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      Incident incident = super.handleIncident(context, message);
      if (incident instanceof IncidentEntity entity && entity.getProcessInstanceId() != null) {
        // set before the command's flush, so the row is inserted with it
        entity.setAnnotation(note(entity.getProcessInstanceId(), entity.getActivityId()));
        if (Incident.FAILED_JOB_HANDLER_TYPE.equals(type)) {
          logged(entity, message);
        }
      }
      return incident;
    }

    private void logged(IncidentEntity incident, String message) {
      String workflow = incident.getProcessDefinitionId() == null ? "?"
          : incident.getProcessDefinitionId().split(":")[0];
      log.warn("Incident raised for a failed job at node '{}' in run {} ({}): {}",
          incident.getActivityId(), incident.getProcessInstanceId(), workflow, message);
      MeterRegistry registry = meters.getIfAvailable();
      if (registry != null) {
        Counter.builder("baton.incidents").description("Incidents raised")
            .tag("workflow", workflow).tag("cause", "job_failed")
            .register(registry).increment();
      }
    }
  }
}
