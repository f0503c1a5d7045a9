package dev.baton.agent;

import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds how many agent tasks do their database work at once (journal, prompt variables,
 * reservation before the model call; settlement and completion after it), however many calls
 * are in flight. A worker with 1,000 slots otherwise sends 1,000 threads to a pool of 20-30
 * connections when a wave of calls starts or ends, and the engine's own work queues behind
 * them: the transactions that create the next tasks, the join jobs, the fetch (a profile of
 * 1,000 calls in flight on PostgreSQL showed 5.8 hours of thread time parked in the
 * connection pool, docs/benchmarks.md). The model call itself holds no permit and no
 * connection.
 */
@Component
class Bookkeeping {

  private final Semaphore permits;

  Bookkeeping(@Value("${baton.worker.max-bookkeeping:12}") int permits) {
    this.permits = new Semaphore(Math.max(1, permits), true);
  }

  /** Waits for a permit to use the database. */
  void enter() {
    permits.acquireUninterruptibly();
  }

  void leave() {
    permits.release();
  }
}
