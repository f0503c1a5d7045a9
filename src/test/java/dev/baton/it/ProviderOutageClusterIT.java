package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.llm.wire.WireReply;
import dev.baton.llm.wire.WireServer;
import dev.baton.support.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 with a node crash: two Baton processes (engine and in-process worker each, from the
 * packaged jar, on one PostgreSQL database) serve 20 runs of the five-task diamond against a
 * provider failing 30% of its requests ({@link ProviderOutageIT}'s faults and scaled settings),
 * and one of them is SIGKILLed mid-flight. Every run completes, without an incident and
 * without a task paid twice: the waits' start is in the engine, so the surviving node goes on
 * with the killed node's waiting tasks (and, once their locks expire, with its locked ones).
 */
@EnabledIf("dev.baton.it.TestDatabase#postgres")
@ExtendWith(DatabaseAvailable.class)
class ProviderOutageClusterIT {

  static final WireServer WIRE = WireServer.start();
  static final int RUNS = 20;

  @Test
  void thirtyPercentFaultsAndAnEngineNodeKilledMidFlight() throws Exception {
    WIRE.chaos("flaky", 0.3, 1414, ProviderOutageIT.FAULTS, ProviderOutageIT.OK);
    String jdbcUrl = ClusterDatabases.postgresUrl("outage_nodes");
    Map<String, String> props = new HashMap<>(Map.of(
        // a crashed node's jobs and agent tasks are free again soon (scaled like the rest)
        "camunda.bpm.job-execution.lock-time-in-millis", "15000",
        "baton.worker.lock-duration", "6s",
        "baton.worker.retry-backoff", "200ms",
        "baton.llm.patience", "90s",
        "baton.llm.providers.flaky.type", "openai",
        "baton.llm.providers.flaky.base-url", WIRE.openAiBaseUrl(),
        "baton.llm.providers.flaky.api-key-env", "",
        "baton.llm.providers.flaky.timeout", "1s",
        "baton.llm.providers.flaky.limits.max-concurrent", "64"));
    props.putAll(Map.of(
        "baton.llm.providers.flaky.retry.initial-backoff", "50ms",
        "baton.llm.providers.flaky.retry.max-backoff", "2s",
        "baton.llm.providers.flaky.retry.max-retry-after", "3s",
        "baton.llm.providers.flaky.circuit-breaker.open-for", "3s",
        "baton.llm.models.flaky.provider", "flaky",
        "baton.llm.models.flaky.model", "flaky",
        "baton.llm.models.flaky.prices.input-per-1k", "0.002",
        "baton.llm.models.flaky.prices.output-per-1k", "0.008",
        "logging.level.org.camunda.bpm.engine.jobexecutor", "error"));
    try (BatonProcess node1 = BatonProcess.all("outage", "node-1", jdbcUrl, props);
        BatonProcess node2 = BatonProcess.all("outage", "node-2", jdbcUrl, props)) {
      node1.start().awaitReady(BatonCluster.START);
      node2.start().awaitReady(BatonCluster.START);
      ApiClient api = node2.api();
      String key = ProviderOutageIT.deploy(api, "outage-nodes",
          ProviderOutageIT.diamond("flaky", null));
      for (int i = 0; i < RUNS; i++) {
        (i % 2 == 0 ? node1 : node2).api().startRun("outage-nodes",
            Map.of("task", "run " + i));
      }
      Poll.until("30 calls paid before the kill", Duration.ofMinutes(2), Duration.ofMillis(200),
          () -> count(jdbcUrl, key, "select count(*) from baton_cost_ledger where "
              + "workflow_id = ?") >= 30, () -> RunAudit.of(jdbcUrl, key).report("kill"));
      node1.kill();
      int paidAtKill = count(jdbcUrl, key, "select count(*) from baton_cost_ledger where "
          + "workflow_id = ?");
      // the assertions below report what is missing when the time is up
      Poll.tryUntil("every run completed or an incident", Duration.ofMinutes(3),
          Duration.ofMillis(200), () -> RunAudit.completed(jdbcUrl, key) >= RUNS
          || count(jdbcUrl, key, "select count(*) from act_ru_incident i join act_re_procdef d "
              + "on i.proc_def_id_ = d.id_ where d.key_ = ?") > 0);
      RunAudit audit = RunAudit.of(jdbcUrl, key);
      int incidents = count(jdbcUrl, key, "select count(*) from act_hi_incident i join "
          + "act_re_procdef d on i.proc_def_id_ = d.id_ where d.key_ = ?");
      System.out.println("[provider-outage] node killed after " + paidAtKill + " paid calls; "
          + audit.report("provider-outage-kill") + "; incidents " + incidents
          + "; provider requests " + WIRE.count("flaky") + " for " + RUNS * 5 + " tasks");
      assertThat(audit.completed()).as(audit.report("kill")).isEqualTo(RUNS);
      assertThat(incidents).isZero();
      assertThat(audit.callsPaidTwice()).as(audit.report("kill")).isZero();
      assertThat(audit.tasksCompletedTwice()).isZero();
      // the killed node's share of the work was taken over
      assertThat(node1.alive()).isFalse();
      assertThat(paidAtKill).as("killed mid-flight").isLessThan(RUNS * 5);
    }
  }


  private static int count(String jdbcUrl, String key, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, ClusterDatabases.user(),
        ClusterDatabases.password()); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    } catch (SQLException e) {
      return -1;
    }
  }
}
