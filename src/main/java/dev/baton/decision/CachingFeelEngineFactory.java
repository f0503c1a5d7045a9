package dev.baton.decision;

import java.util.List;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;

/**
 * Makes the DMN engine use {@link CachingFeelEngine}, with the custom FEEL functions the process
 * engine registers (read when the DMN engine is built, after they are set).
 */
class CachingFeelEngineFactory implements FeelEngineFactory {

  private final DefaultDmnEngineConfiguration dmn;

  CachingFeelEngineFactory(DefaultDmnEngineConfiguration dmn) {
    this.dmn = dmn;
  }

  @Override
  public FeelEngine createInstance() {
    return new CachingFeelEngine(dmn.getFeelCustomFunctionProviders() == null ? List.of()
        : dmn.getFeelCustomFunctionProviders());
  }
}
