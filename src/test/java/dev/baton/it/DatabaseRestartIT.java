package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The database goes down under load and comes back: a private PostgreSQL server (not the
 * shared one) is stopped with {@code pg_ctl -m immediate} - every connection cut, crash
 * recovery on start - while runs are in flight, and started again after a few seconds. The
 * application (one process from the packaged jar, engine and worker) reconnects through its
 * pool, and every run completes with nothing lost or done twice.
 */
@EnabledIf("enabled")
class DatabaseRestartIT {

  static final int RUNS = 50;
  static final Duration OUTAGE = Duration.ofSeconds(5);

  static boolean enabled() {
    return TestDatabase.postgres() && PrivatePostgres.available();
  }

  @Test
  void applicationReconnectsAfterTheDatabaseRestartsAndRunsContinue()
      throws InterruptedException {
    try (PrivatePostgres pg = PrivatePostgres.start();
        BatonProcess app = BatonProcess.all("db-restart", "node-1", pg.jdbcUrl(), Map.of(
            "baton.llm.simulated.latency-ms", "500",
            "baton.worker.lock-duration", "10s",
            "camunda.bpm.job-execution.lock-time-in-millis", "15000",
            "spring.datasource.hikari.connection-timeout", "5000")).start()) {
      app.awaitReady(BatonCluster.START);
      ApiClient api = app.api();
      String key = deploy(api);
      for (int i = 0; i < RUNS; i++) {
        api.startRun("cluster-db-restart", Map.of("task", "run " + i));
      }
      RunAudit.awaitAgentTasksDone(pg.jdbcUrl(), key, RUNS);

      pg.crash();
      Instant down = Instant.now();
      // the application notices (its health is no longer UP) ...
      Poll.until("the application sees the database down", Duration.ofMinutes(1),
          Duration.ofMillis(200), () -> !app.healthy(), () -> "see " + app.log());
      // ... and the outage lasts OUTAGE in all: its length is the scenario, not a wait
      Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(down, Instant.now())).toMillis()));
      pg.up();

      int approved = BatonCluster.approveUntil(() -> api, () -> RunAudit.completed(pg.jdbcUrl(),
          key), RUNS, Duration.ofMinutes(4));
      RunAudit audit = RunAudit.of(pg.jdbcUrl(), key);
      System.out.println(audit.report("db-restart") + "; approvals given " + approved);
      assertThat(app.alive()).isTrue();
      assertThat(audit.started()).isEqualTo(RUNS);
      assertThat(audit.completed()).as(audit.report("db-restart")).isEqualTo(RUNS);
      assertThat(audit.lost()).isZero();
      assertThat(audit.nodesRunTwice()).isZero();
      assertThat(audit.tasksCompletedTwice()).isZero();
      assertThat(audit.callsAfterJournal()).as(audit.report("db-restart")).isZero();
    }
  }

  private static String deploy(ApiClient api) {
    try {
      ApiClient.Response r = api.post("/api/workflows", Map.of("slug", "cluster-db-restart",
          "spec", new com.fasterxml.jackson.databind.ObjectMapper().readTree(ClusterIT.SPEC)));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      String definition = r.json().path("process_definition_id").asText();
      return definition.substring(0, definition.indexOf(':'));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }


}
