package dev.baton.cluster;

import java.util.concurrent.CountDownLatch;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps a worker-only process running. It has no web server, and the worker's own threads are
 * daemons, so without one non-daemon thread the JVM would exit as soon as start-up is done.
 * Closing the application (SIGTERM) releases it.
 */
@Component
@ConditionalOnProperty(name = Role.PROPERTY, havingValue = "worker")
class WorkerKeepAlive implements SmartLifecycle {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;

  @Override
  public void start() {
    running = true;
    Thread thread = new Thread(() -> {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "baton-worker-keep-alive");
    thread.setDaemon(false);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    stopped.countDown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
