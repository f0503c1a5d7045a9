package dev.baton.agent;

import dev.baton.BatonProperties;
import dev.baton.contract.BpmnConventions;
import dev.baton.observe.RunTracing;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The in-process agent worker: one fetch loop that locks only as many tasks as it has free
 * slots, and a pool that runs them. (The Camunda external-task client runs handlers one after
 * another, which cannot keep hundreds of slow LLM calls in flight.) A failed fetch is retried,
 * never fatal: fetchAndLock can fail when a concurrent completion just ended a run.
 */
@Component
@ConditionalOnProperty(name = "baton.worker.enabled", havingValue = "true", matchIfMissing = true)
class AgentWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AgentWorker.class);
  private static final long MAX_IDLE_MS = 500;

  private final EngineTasks engine;
  private final AgentTaskHandler handler;
  private final BatonProperties.Worker settings;
  private final NewTaskSignal newTasks;
  private final String workerId;
  private final RunTracing tracing;
  private final Semaphore slots;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running;
  private Thread fetchLoop;
  private ExecutorService pool;

  AgentWorker(EngineTasks engine, AgentTaskHandler handler,
      NewTaskSignal newTasks, BatonProperties properties,
      @Value("${baton.node-id:}") String nodeId, RunTracing tracing) {
    this.tracing = tracing;
    this.engine = engine;
    this.handler = handler;
    this.newTasks = newTasks;
    this.settings = properties.worker();
    this.slots = new Semaphore(settings.maxConcurrent());
    // the node id (BATON_NODE_ID) when set, so that history shows which process did a task
    this.workerId = (nodeId.isBlank() ? hostName() : nodeId) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void start() {
    running = true;
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(settings.maxConcurrent(), r -> {
      Thread t = new Thread(r, "baton-agent-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    fetchLoop = new Thread(this::loop, "baton-agent-fetch");
    fetchLoop.setDaemon(true);
    fetchLoop.start();
    log.info("Agent worker {} started: {} slots, lock {}", workerId, settings.maxConcurrent(),
        settings.lockDuration());
  }

  private void loop() {
    long idle = 0;
    while (running) {
      try {
        slots.acquire();
        int free = slots.availablePermits() + 1;
        List<LockedExternalTask> tasks = fetch(free);
        slots.release();
        if (tasks == null || (tasks.isEmpty() && engine.longPoll().isZero())) {
          // nothing (or the engine unreachable): back off, unless woken by a new task
          idle = Math.min(MAX_IDLE_MS, Math.max(10, idle * 2));
          if (newTasks.await(idle)) {
            idle = 0;
          }
          continue;
        }
        idle = 0;
        for (LockedExternalTask task : tasks) {
          slots.acquire();
          inFlight.incrementAndGet();
          pool.execute(() -> {
            // the task its completion locked (the run's next node, usually) runs right here,
            // in the same slot: no fetch of its own, no wait for the fetch loop
            LockedExternalTask current = task;
            try {
              while (current != null && running) {
                // each task's span (a child of its run's trace) and its ids in the log context
                try (RunTracing.TaskScope traced = tracing.agentTask(current)) {
                  current = handler.handle(current, workerId);
                }
              }
            } catch (RuntimeException e) {
              log.warn("Agent task {} failed unexpectedly; its lock will expire and it will be "
                  + "fetched again", current.getId(), e);
            } finally {
              inFlight.decrementAndGet();
              slots.release();
              newTasks.signal();
            }
          });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The locked tasks; an empty list when there are none; null when the fetch failed. */
  private List<LockedExternalTask> fetch(int max) throws InterruptedException {
    try {
      // only the input and the run's trace context; earlier outputs are loaded when a prompt
      // names them
      return engine.fetchAndLock(workerId, max, BpmnConventions.AGENT_TOPIC,
          settings.lockDuration(),
          List.of(BpmnConventions.VAR_INPUT, BpmnConventions.VAR_TRACEPARENT),
          engine.longPoll());
    } catch (RuntimeException e) {
      log.debug("fetchAndLock failed, polling again: {}", e.toString());
      Thread.sleep(50);
      return null;
    }
  }

  /** Calls in flight right now. */
  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void stop() {
    running = false;
    if (fetchLoop != null) {
      fetchLoop.interrupt();
    }
    if (pool != null) {
      pool.shutdown();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** How many agent tasks this worker may hold at once, and how many it holds now. */
  record Load(String workerId, int slots, int inUse) {}

  Load load() {
    int slots = settings.maxConcurrent();
    return new Load(workerId, slots, slots - this.slots.availablePermits());
  }

  // after the engine (which starts in its own lifecycle phase), before the web server stops
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "baton";
    }
  }
}
