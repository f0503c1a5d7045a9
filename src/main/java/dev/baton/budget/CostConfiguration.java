package dev.baton.budget;

import dev.baton.llm.LlmProperties;
import dev.baton.llm.ModelPrices;
import dev.baton.registry.AgentDirectory;
import dev.baton.registry.AgentProfile;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's cost rule and the registry agents' configs it reads. */
@Configuration(proxyBeanMethods = false)
class CostConfiguration {

  @Bean
  CostFormula costFormula(ModelPrices prices, LlmProperties llm) {
    return new CostFormula(prices, llm.defaultModel());
  }

  @Bean
  AgentConfigs agentConfigs(AgentDirectory directory) {
    return slug -> directory.bySlug(slug).map(p -> (com.fasterxml.jackson.databind.JsonNode) p.config());
  }
}
