package dev.baton.observe;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Wires tracing and the run's log lines into the engine: every process gets a start listener
 * that opens the run's trace ({@link RunStartListener}); the history events become node spans
 * ({@link NodeSpans}) and log lines ({@link RunEventLog}); new deployments are logged ({@link
 * DeployLog}). Nothing of it shows in the deployed BPMN.
 */
@Component
class TracingEnginePlugin extends AbstractProcessEnginePlugin {

  private final RunTracing tracing;
  private final RunTraceCache traces = new RunTraceCache();

  TracingEnginePlugin(RunTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    RunStartListener start = new RunStartListener(tracing, traces);
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element process, ProcessDefinitionEntity definition) {
        definition.addBuiltInListener(ExecutionListener.EVENTNAME_START, start);
      }
    });
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new NodeSpans(tracing, traces));
    configuration.getCustomHistoryEventHandlers().add(new RunEventLog(traces));
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    configuration.getCustomPostDeployers().add(new DeployLog());
  }
}
