package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

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

  static boolean enabled() {
    return TestDatabase.postgres() && PrivatePostgres.available();
  }

  @Test
  void applicationReconnectsAfterTheDatabaseRestartsAndRunsContinue() {
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
      awaitTasksDone(pg.jdbcUrl(), key, RUNS);

      pg.crash();
      BatonCluster.sleep(5000);
      pg.up();

      Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
      int approved = 0;
      while (RunAudit.completed(pg.jdbcUrl(), key) < RUNS && Instant.now().isBefore(deadline)) {
        try {
          ApiClient.Response pending = api.get("/api/approvals/pending");
          if (pending.status() == 200) {
            for (var p : pending.json()) {
              if (api.post("/api/approvals/" + p.path("id").asText() + "/approve",
                  Map.of("justification", "db restart test")).status() == 200) {
                approved++;
              }
            }
          }
        } catch (RuntimeException e) {
          // the application may still be reconnecting
        }
        BatonCluster.sleep(300);
      }
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

  private static void awaitTasksDone(String jdbcUrl, String key, int atLeast) {
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2))
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(() -> RunAudit.agentTasksDone(jdbcUrl, key) >= atLeast);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("agent tasks not under way: "
          + RunAudit.of(jdbcUrl, key).report("db-restart"));
    }
  }

}
