package dev.baton.decision;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the process engine a DMN engine whose FEEL expressions are parsed once per deployed
 * table ({@link CachingFeelEngine}); everything else is Camunda's default DMN configuration.
 */
@Component
class DecisionEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration
            .createDefaultDmnEngineConfiguration();
    dmn.setFeelEngineFactory(new CachingFeelEngineFactory(dmn));
    configuration.setDmnEngineConfiguration(dmn);
  }
}
