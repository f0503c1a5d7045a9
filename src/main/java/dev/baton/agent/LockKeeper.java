package dev.baton.agent;

import dev.baton.BatonProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps an agent task's lock while its model call runs longer than the lock: every half lock
 * duration the lock is extended by a full one. When an extension is refused (the lock expired
 * and another worker holds the task, or the run ended) the lease is lost, and its holder must
 * not complete the task: the new holder will, from the reply journal.
 */
@Component
class LockKeeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LockKeeper.class);

  private final EngineTasks externalTasks;
  private final Duration lockDuration;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "baton-lock-keeper");
    t.setDaemon(true);
    return t;
  });

  LockKeeper(EngineTasks externalTasks, BatonProperties properties) {
    this.externalTasks = externalTasks;
    this.lockDuration = properties.worker().lockDuration();
  }

  /** Starts extending the task's lock until the lease is closed. */
  Lease keep(LockedExternalTask task, String workerId) {
    Lease lease = new Lease(task.getId());
    long every = Math.max(100, lockDuration.toMillis() / 2);
    lease.future = timer.scheduleAtFixedRate(() -> lease.extend(workerId), every, every,
        TimeUnit.MILLISECONDS);
    return lease;
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }

  final class Lease implements AutoCloseable {

    private final String taskId;
    private volatile ScheduledFuture<?> future;
    private volatile boolean lost;
    private volatile int extensions;

    private Lease(String taskId) {
      this.taskId = taskId;
    }

    private void extend(String workerId) {
      if (lost) {
        return;
      }
      try {
        externalTasks.extendLock(taskId, workerId, lockDuration.toMillis());
        extensions++;
      } catch (BadUserRequestException e) {
        // BadUserRequestException/NotFoundException: locked by another worker, or gone
        lost = true;
        log.warn("Lost the lock of agent task {} while its call runs ({}); it will not be "
            + "completed by this worker", taskId, e.getMessage());
        future.cancel(false);
      } catch (RuntimeException e) {
        // the engine (node, database) unreachable for now: the lock may still be ours; the
        // next round tries again, and a lock that expires meanwhile is refused then
        log.debug("Could not extend the lock of agent task {} yet: {}", taskId, e.toString());
      }
    }

    /** Whether another worker may hold the task now. */
    boolean lost() {
      return lost;
    }

    int extensions() {
      return extensions;
    }

    @Override
    public void close() {
      if (future != null) {
        future.cancel(false);
      }
    }
  }
}
