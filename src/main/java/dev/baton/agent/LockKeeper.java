package dev.baton.agent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the locks of tasks whose calls are still running: every third of the lock duration,
 * each task held for more than half of it gets a fresh lock. A call that outlives its lock
 * would otherwise be fetched and run a second time by another worker. When this worker dies,
 * nothing extends its locks and they expire, so another worker takes the tasks over.
 */
final class LockKeeper {

  private static final Logger log = LoggerFactory.getLogger(LockKeeper.class);

  private final EngineTasks engine;
  private final String workerId;
  private final long lockMs;
  /** task id -> when its lock was last taken or extended (System.nanoTime). */
  private final Map<String, Long> held = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  LockKeeper(EngineTasks engine, String workerId, Duration lock) {
    this.engine = engine;
    this.workerId = workerId;
    this.lockMs = lock.toMillis();
  }

  void held(String taskId) {
    held.put(taskId, System.nanoTime());
  }

  void released(String taskId) {
    held.remove(taskId);
  }

  void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "baton-agent-locks");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(100, lockMs / 3);
    timer.scheduleWithFixedDelay(this::extendOld, period, period, TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  void extendOld() {
    long now = System.nanoTime();
    held.forEach((taskId, since) -> {
      if (now - since < TimeUnit.MILLISECONDS.toNanos(lockMs / 2)) {
        return;
      }
      try {
        engine.extendLock(taskId, workerId, lockMs);
        held.replace(taskId, since, now);
      } catch (RuntimeException e) {
        // gone (run ended, lock already lost) or the engine unreachable: the call's own
        // report will find out; nothing to repair here
        log.debug("Could not extend the lock of agent task {}: {}", taskId, e.toString());
      }
    });
  }
}
