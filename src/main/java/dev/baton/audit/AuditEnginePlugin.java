package dev.baton.audit;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Adds {@link EngineOperationAudit} next to the engine's own history handler (which stays: the
 * handler is added to the custom ones, not put in its place).
 */
@Component
class AuditEnginePlugin extends AbstractProcessEnginePlugin {

  private final AuditLog log;

  AuditEnginePlugin(AuditLog log) {
    this.log = log;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new EngineOperationAudit(log));
  }
}
