package dev.baton.cluster;

import dev.baton.agent.EngineTasks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker role's engine: an engine node's REST API. Baton's own tables (cost ledger, budget
 * reservations, reply journal) are reached directly on the shared database: they are Baton's
 * state, not the engine's, and reserving and recording through an API round trip per call would
 * only add latency and a second failure point.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = Role.PROPERTY, havingValue = "worker")
class RemoteWorkerConfiguration {

  @Bean
  EngineTasks restEngineTasks(RemoteEngineProperties settings) {
    return new RestEngineTasks(settings);
  }
}
