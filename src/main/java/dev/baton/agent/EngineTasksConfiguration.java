package dev.baton.agent;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The worker's engine: the Java API of the engine in this JVM. */
@Configuration(proxyBeanMethods = false)
class EngineTasksConfiguration {

  @Bean
  EngineTasks javaApiEngineTasks(ExternalTaskService externalTasks, RuntimeService runtime,
      PlatformTransactionManager transactions, NewTaskSignal newTasks,
      CompletionCommit commit) {
    return new JavaApiEngineTasks(externalTasks, runtime, transactions, newTasks, commit);
  }
}
