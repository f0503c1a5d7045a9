package dev.baton.workflow;

import dev.baton.BatonProperties;
import dev.baton.governance.GovernanceProperties;
import dev.baton.budget.CostFormula;
import dev.baton.llm.LlmProperties;
import dev.baton.compile.BpmnCompiler;
import dev.baton.compile.CompilerSettings;
import dev.baton.limits.LimitsProperties;
import dev.baton.prompt.StoredPrompts;
import dev.baton.spec.AgentTypes;
import dev.baton.spec.SpecReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure design-time pieces (reader, compiler) as beans. */
@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

  @Bean
  SpecReader specReader(AgentTypes agentTypes, LimitsProperties limits) {
    return new SpecReader(agentTypes, limits.spec());
  }

  /**
   * The one check pipeline: keys are looked up where the models' catalogue looks them up,
   * prompt templates where the worker renders them from (the database, then files).
   */
  @Bean
  SpecChecks specChecks(SpecReader reader, LlmProperties llm, CostFormula cost,
      BatonProperties properties, StoredPrompts prompts, GovernanceProperties governance) {
    return new SpecChecks(reader, llm, cost, System::getenv, prompts,
        properties.budget().hardCap(), governance.policy());
  }

  @Bean
  AgentTypes agentTypes() {
    return AgentTypes.BUILT_IN;
  }

  @Bean
  BpmnCompiler bpmnCompiler(BatonProperties properties) {
    return new BpmnCompiler(new CompilerSettings(
        properties.compiler().historyTimeToLive(), CompilerSettings.DEFAULTS.exporterVersion()));
  }
}
