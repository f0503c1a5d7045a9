package dev.baton.observe;

import dev.baton.BatonProperties;
import dev.baton.contract.BpmnConventions;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Spans of runs. A run's trace begins with the span {@code baton.run.start} (a child of the
 * REST request that started it, when there is one); its context is kept in the run's variable
 * {@link BpmnConventions#VAR_TRACEPARENT}, and every later span of the run is its child: the
 * agent task a worker runs ({@link #agentTask}), the model calls and tool uses inside it, and
 * the nodes and the run's end as the engine records them. Spans of steps that outlive a
 * transaction (a node waiting for a human for days) are written when they end, with the times
 * the engine recorded.
 */
@Component
public class RunTracing {

  /** MDC keys of the run's log lines (Micrometer Tracing adds traceId and spanId). */
  public static final String MDC_RUN = "runId";
  public static final String MDC_NODE = "nodeId";
  public static final String MDC_TENANT = "tenantId";
  public static final String MDC_WORKFLOW = "workflow";

  private final ObjectProvider<Tracer> tracers;
  private final int retries;
  private final ThreadLocal<TaskScope> current = new ThreadLocal<>();

  RunTracing(ObjectProvider<Tracer> tracers, BatonProperties properties) {
    this.tracers = tracers;
    this.retries = properties.worker().retries();
  }

  Tracer tracer() {
    return tracers.getIfAvailable(() -> Tracer.NOOP);
  }

  /**
   * Opens the trace of a run started without {@link #beginRun} (through /engine-rest, Tasklist
   * or Cockpit), when the engine starts it; returns its context for the run's variable, or
   * null when tracing is off.
   */
  String startRun(String runId, String workflow, String tenant) {
    Tracer tracer = tracer();
    Span span = tracer.nextSpan().name("baton.run.start")
        .tag("baton.run.id", runId).tag("baton.workflow", workflow)
        .tag("baton.tenant", tenant == null ? "" : tenant).start();
    span.end();
    Traceparent context = Traceparent.of(span.context());
    return context == null ? null : context.format();
  }

  /**
   * Opens a run's trace in the thread that starts it (the REST request's, so the run joins its
   * trace) before the engine is asked: a run whose first step is asynchronous only starts in
   * the job executor. The context goes into the run's start variables; {@link
   * RunStart#started} names the run and ends the span.
   */
  public RunStart beginRun(String workflow) {
    Span span = tracer().nextSpan().name("baton.run.start").tag("baton.workflow", workflow)
        .start();
    Traceparent context = Traceparent.of(span.context());
    return new RunStart(span, context == null ? null : context.format());
  }

  /** A run's start span, open until the engine has created the run. */
  public static final class RunStart {

    private final Span span;
    private final String traceparent;

    private RunStart(Span span, String traceparent) {
      this.span = span;
      this.traceparent = traceparent;
    }

    /** The value for the run's variable {@code baton_traceparent}, or null (tracing off). */
    public String traceparent() {
      return traceparent;
    }

    public void started(String runId, String tenant) {
      span.tag("baton.run.id", runId).tag("baton.tenant", tenant == null ? "" : tenant).end();
    }

    public void failed(Throwable error) {
      span.error(error).end();
    }
  }

  /**
   * The span of one agent task on a worker, a child of its run's trace, in scope on this
   * thread (so log lines carry its trace id) until closed.
   */
  public TaskScope agentTask(LockedExternalTask task) {
    Tracer tracer = tracer();
    Map<String, String> props = task.getExtensionProperties() == null ? Map.of()
        : task.getExtensionProperties();
    String node = props.getOrDefault(BpmnConventions.PROP_NODE, task.getActivityId());
    Traceparent parent = Traceparent.parse(task.getVariables() == null ? null
        : task.getVariables().get(BpmnConventions.VAR_TRACEPARENT));
    Span.Builder builder = tracer.spanBuilder().name("baton.agent_task " + node)
        .kind(Span.Kind.CONSUMER);
    builder = parent == null ? builder.setNoParent() : builder.setParent(parent.toContext(tracer));
    int attempt = task.getRetries() == null ? 1 : Math.max(1, retries - task.getRetries() + 1);
    Span span = builder.tag("baton.run.id", task.getProcessInstanceId())
        .tag("baton.workflow", String.valueOf(task.getProcessDefinitionKey()))
        .tag("baton.tenant", task.getTenantId() == null ? "" : task.getTenantId())
        .tag("baton.node.id", node)
        .tag("baton.agent_type", props.getOrDefault(BpmnConventions.PROP_AGENT_TYPE, ""))
        .tag("baton.task.id", task.getId())
        .tag("baton.attempt", attempt).start();
    TaskScope scope = new TaskScope(span, tracer.withSpan(span), attempt, current.get());
    current.set(scope);
    MDC.put(MDC_RUN, task.getProcessInstanceId());
    MDC.put(MDC_NODE, node);
    MDC.put(MDC_WORKFLOW, String.valueOf(task.getProcessDefinitionKey()));
    if (task.getTenantId() != null) {
      MDC.put(MDC_TENANT, task.getTenantId());
    }
    return scope;
  }

  /** The agent task in scope on this thread, or null. */
  TaskScope currentTask() {
    return current.get();
  }

  /**
   * A span that already ended, written now with its own times: a child of {@code parent}, or of
   * the span in scope when {@code parent} is null.
   */
  void pastSpan(Traceparent parent, String name, Instant start, Instant end,
      Map<String, Object> tags) {
    Tracer tracer = tracer();
    Span.Builder builder = tracer.spanBuilder().name(name);
    if (parent != null) {
      builder = builder.setParent(parent.toContext(tracer));
    } else if (tracer.currentSpan() != null) {
      builder = builder.setParent(tracer.currentSpan().context());
    } else {
      return; // an orphan would start a trace of its own: nobody could find it
    }
    builder = builder.startTimestamp(micros(start), TimeUnit.MICROSECONDS);
    for (Map.Entry<String, Object> tag : tags.entrySet()) {
      Object value = tag.getValue();
      if (value instanceof Long || value instanceof Integer) {
        builder = builder.tag(tag.getKey(), ((Number) value).longValue());
      } else if (value instanceof Number number) {
        builder = builder.tag(tag.getKey(), number.doubleValue());
      } else if (value instanceof Boolean flag) {
        builder = builder.tag(tag.getKey(), flag);
      } else if (value != null) {
        builder = builder.tag(tag.getKey(), value.toString());
      }
    }
    builder.start().end(micros(end), TimeUnit.MICROSECONDS);
  }

  private static long micros(Instant at) {
    return TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + at.getNano() / 1000;
  }

  /** An agent task's span in scope; closing it ends the span and clears the log context. */
  public final class TaskScope implements AutoCloseable {

    private final Span span;
    private final Tracer.SpanInScope inScope;
    private final int attempt;
    private final TaskScope outer;

    private TaskScope(Span span, Tracer.SpanInScope inScope, int attempt, TaskScope outer) {
      this.span = span;
      this.inScope = inScope;
      this.attempt = attempt;
      this.outer = outer;
    }

    int attempt() {
      return attempt;
    }

    /** Marks the span failed (the task handler caught it; the worker goes on). */
    public void failed(Throwable error) {
      span.error(error);
    }

    @Override
    public void close() {
      try {
        span.end();
      } finally {
        inScope.close();
        if (outer == null) {
          current.remove();
        } else {
          current.set(outer);
        }
        MDC.remove(MDC_RUN);
        MDC.remove(MDC_NODE);
        MDC.remove(MDC_WORKFLOW);
        MDC.remove(MDC_TENANT);
      }
    }
  }
}
