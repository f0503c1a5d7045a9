package dev.baton.llm;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default catalogue: the offline simulated model for every name. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

  @Bean
  ModelCatalogue modelCatalogue(@Value("${baton.llm.simulated.latency-ms:20}") long latencyMs) {
    SimulatedChatModel simulated = new SimulatedChatModel(Duration.ofMillis(latencyMs));
    return name -> simulated;
  }
}
