package dev.baton.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Adds {@link RunMetrics} beside the engine's own history handler (which stays). */
@Component
class MetricsEnginePlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<MeterRegistry> meters;

  MetricsEnginePlugin(ObjectProvider<MeterRegistry> meters) {
    this.meters = meters;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry == null) {
      return;
    }
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new RunMetrics(registry));
  }
}
