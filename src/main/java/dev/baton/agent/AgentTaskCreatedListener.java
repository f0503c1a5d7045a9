package dev.baton.agent;

import dev.baton.contract.BpmnConventions;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * An engine plugin that lets the in-process worker react to new agent tasks at once instead of
 * at its next poll: when an external task of topic {@code baton-agent} starts, the worker is
 * signalled after the creating transaction commits. Added at parse time, so the deployed BPMN
 * stays as compiled.
 */
@Component
class AgentTaskCreatedListener extends AbstractProcessEnginePlugin {

  private final NewTaskSignal signal;

  AgentTaskCreatedListener(NewTaskSignal signal) {
    this.signal = signal;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior
            && BpmnConventions.AGENT_TOPIC.equals(
                element.attributeNS(org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse
                    .CAMUNDA_BPMN_EXTENSIONS_NS, "topic"))) {
          activity.addListener(ExecutionListener.EVENTNAME_START, execution ->
              Context.getCommandContext().getTransactionContext().addTransactionListener(
                  TransactionState.COMMITTED, context -> signal.created()));
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
