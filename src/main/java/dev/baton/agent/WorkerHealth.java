package dev.baton.agent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code worker}: whether this process's agent worker is fetching, and how many of its slots
 * hold agent tasks. A process without one (an engine node whose workers run elsewhere) is
 * healthy: its health says so.
 */
@Component("worker")
class WorkerHealth implements HealthIndicator {

  private final ObjectProvider<AgentWorker> worker;

  WorkerHealth(ObjectProvider<AgentWorker> worker) {
    this.worker = worker;
  }

  @Override
  public Health health() {
    AgentWorker agents = worker.getIfAvailable();
    if (agents == null) {
      return Health.up().withDetail("worker", "none in this process (baton.worker.enabled is "
          + "false): agent tasks are done by worker processes").build();
    }
    AgentWorker.Load load = agents.load();
    Health.Builder health = agents.isRunning() ? Health.up()
        : Health.down().withDetail("reason", "the agent worker is stopped: it fetches nothing");
    return health.withDetail("worker_id", load.workerId())
        .withDetail("slots", load.slots())
        .withDetail("in_use", load.inUse())
        .build();
  }
}
