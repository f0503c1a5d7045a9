package dev.baton.governance;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Puts the policy's run limit into the engine ({@link RunLimit}). */
@Component
class GovernanceEnginePlugin extends AbstractProcessEnginePlugin {

  private final GovernanceProperties properties;

  GovernanceEnginePlugin(GovernanceProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new RunLimit(properties));
  }
}
