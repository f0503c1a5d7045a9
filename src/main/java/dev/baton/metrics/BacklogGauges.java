package dev.baton.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * What waits, read from the shared database: {@code baton.approvals.pending} (open human
 * tasks), {@code baton.incidents.open}, {@code baton.agent.tasks.queued} (agent tasks no worker
 * holds), {@code baton.agent.tasks.locked} and {@code baton.jobs.due}. The counts are taken
 * together at most every {@link #FRESH} however often Prometheus scrapes, so a busy dashboard
 * costs the database four counts every few seconds.
 */
@Component
class BacklogGauges implements MeterBinder {

  static final Duration FRESH = Duration.ofSeconds(10);

  record Backlog(long approvals, long incidents, long queued, long locked, long jobsDue,
      long takenAt) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ExternalTaskService externalTasks;
  private final ManagementService management;
  private volatile Backlog last;

  BacklogGauges(TaskService tasks, RuntimeService runtime, ExternalTaskService externalTasks,
      ManagementService management) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.externalTasks = externalTasks;
    this.management = management;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "baton.approvals.pending", "Open approval gates and budget overrides",
        Backlog::approvals);
    gauge(registry, "baton.incidents.open", "Open incidents", Backlog::incidents);
    gauge(registry, "baton.agent.tasks.queued", "Agent tasks no worker holds yet",
        Backlog::queued);
    gauge(registry, "baton.agent.tasks.locked", "Agent tasks a worker holds", Backlog::locked);
    gauge(registry, "baton.jobs.due", "Engine jobs due and not yet taken", Backlog::jobsDue);
  }

  private void gauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<Backlog> value) {
    Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.backlog()))
        .description(description).register(registry);
  }

  synchronized Backlog backlog() {
    long now = System.nanoTime();
    if (last == null || now - last.takenAt() > FRESH.toNanos()) {
      last = new Backlog(tasks.createTaskQuery().active().count(),
          runtime.createIncidentQuery().count(),
          externalTasks.createExternalTaskQuery().notLocked().active().count(),
          externalTasks.createExternalTaskQuery().locked().count(),
          management.createJobQuery().executable().count(), now);
    }
    return last;
  }
}
