package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster as it runs in production, from the packaged jar: two engine nodes (role {@code
 * engine}, job executor on each) and two worker processes (role {@code worker}, no engine,
 * /engine-rest of both nodes) on one PostgreSQL database. 100 runs with parallel branches and
 * an approval each, then the faults: an engine node SIGKILLed with 100 runs in flight, and a
 * worker SIGKILLed in the middle of its model calls. Every check reads Camunda's history and
 * Baton's ledger in the database; each test prints runs started/completed/lost/duplicates.
 *
 * <p>PostgreSQL only (the Failsafe execution {@code it-postgres}): H2 in memory cannot be
 * shared by processes.
 */
@EnabledIf("dev.baton.it.TestDatabase#postgres")
@ExtendWith(DatabaseAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final int RUNS = 100;
  static final String SPEC = """
      {
        "metadata": { "name": "Cluster load", "version": "1.0.0", "budget_usd": 5.0,
          "description": "a plan, two branches side by side, a review, a release" },
        "nodes": [
          { "id": "plan", "type": "agent_task", "agent_type": "planner", "name": "Plan",
            "dependencies": [] },
          { "id": "backend", "type": "agent_task", "agent_type": "builder", "name": "Backend",
            "dependencies": ["plan"] },
          { "id": "frontend", "type": "agent_task", "agent_type": "builder",
            "name": "Frontend", "dependencies": ["plan"] },
          { "id": "review", "type": "approval_gate", "name": "Review",
            "config": { "required_role": "TenantAdmin", "timeout_hours": 24 },
            "dependencies": ["backend", "frontend"] },
          { "id": "release", "type": "agent_task", "agent_type": "integration",
            "name": "Release", "dependencies": ["review"] }
        ]
      }
      """;
  /** Agent tasks per run. */
  static final int AGENT_TASKS = 4;

  private BatonCluster cluster;
  private String jdbcUrl;

  @BeforeAll
  void startCluster() {
    jdbcUrl = ClusterDatabases.postgresUrl("nodes");
    cluster = BatonCluster.start("cluster", jdbcUrl, 2, 2,
        // a crashed node's jobs are free again after 15 s (Camunda's default is 5 min)
        Map.of("camunda.bpm.job-execution.lock-time-in-millis", "15000",
            "logging.level.org.camunda.bpm.engine.jobexecutor", "error"),
        // calls long enough to be caught in flight; a killed worker's locks expire in 10 s
        Map.of("baton.llm.simulated.latency-ms", "1000",
            "baton.worker.lock-duration", "10s",
            "baton.worker.max-concurrent", "100"));
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void hundredRunsWithApprovalsAndParallelBranchesSpreadOverBothEngineNodesAndWorkers() {
    String key = cluster.deploy("cluster-load", SPEC);
    cluster.startRuns("cluster-load", RUNS);
    cluster.approveUntil(() -> RunAudit.completed(jdbcUrl, key), RUNS, Duration.ofMinutes(4));

    RunAudit audit = RunAudit.of(jdbcUrl, key);
    System.out.println(audit.report("cluster"));
    assertThat(audit.completed()).as(audit.report("cluster")).isEqualTo(RUNS);
    assertThat(audit.lost()).isZero();
    assertThat(audit.duplicates()).as(audit.report("cluster")).isZero();
    // nothing was killed: no call was made twice at all
    assertThat(audit.callsPaidTwice()).as(audit.report("cluster")).isZero();
    assertThat(audit.approvalsDone()).isEqualTo(RUNS);
    // the job executors of both nodes ran the runs' asynchronous continuations
    assertThat(audit.jobsPerNode()).containsOnlyKeys("engine-1", "engine-2");
    assertThat(audit.jobsPerNode().values()).allMatch(n -> n > 0);
    // both workers did agent tasks, each exactly once
    assertThat(audit.tasksPerWorker()).containsOnlyKeys("worker-1", "worker-2");
    assertThat(audit.tasksPerWorker().values()).allMatch(n -> n > 0);
    assertThat(audit.tasksPerWorker().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(RUNS * AGENT_TASKS);
  }

  @Test
  @Order(2)
  void engineNodeKilledWithHundredRunsInFlightLosesAndRepeatsNothing() {
    String key = cluster.deploy("cluster-kill-engine", SPEC);
    cluster.startRuns("cluster-kill-engine", RUNS);
    RunAudit.awaitAgentTasksDone(jdbcUrl, key, RUNS / 2);

    BatonProcess engine1 = cluster.engines.get(0);
    engine1.kill();
    int completedAtKill = RunAudit.completed(jdbcUrl, key);
    // the cluster goes on with one node: workers fail over to engine-2 and do more tasks
    RunAudit.awaitAgentTasksDone(jdbcUrl, key, RunAudit.agentTasksDone(jdbcUrl, key) + 10);
    engine1.start().awaitReady(BatonCluster.START);

    cluster.approveUntil(() -> RunAudit.completed(jdbcUrl, key), RUNS, Duration.ofMinutes(4));
    RunAudit audit = RunAudit.of(jdbcUrl, key);
    System.out.println(audit.report("engine-kill") + "; completed when killed "
        + completedAtKill);
    assertThat(audit.started()).isEqualTo(RUNS);
    assertThat(audit.completed()).as(audit.report("engine-kill")).isEqualTo(RUNS);
    assertThat(audit.lost()).isZero();
    assertThat(audit.duplicates()).as(audit.report("engine-kill")).isZero();
    assertThat(audit.approvalsDone()).as("no approval lost").isEqualTo(RUNS);
    // workers were not killed: no call was repeated
    assertThat(audit.callsPaidTwice()).as(audit.report("engine-kill")).isZero();
  }

  @Test
  @Order(3)
  void workerKilledInTheMiddleOfItsCallsLeavesTheTasksToAnother() {
    String key = cluster.deploy("cluster-kill-worker", SPEC);
    cluster.startRuns("cluster-kill-worker", RUNS);
    RunAudit.awaitAgentTasksDone(jdbcUrl, key, 20);

    BatonProcess worker1 = cluster.workers.get(0);
    // with 1 s calls and 100 slots, worker-1 has calls in flight now
    worker1.kill();
    cluster.approveUntil(() -> RunAudit.completed(jdbcUrl, key), RUNS, Duration.ofMinutes(4));

    RunAudit audit = RunAudit.of(jdbcUrl, key);
    System.out.println(audit.report("worker-kill"));
    assertThat(audit.completed()).as(audit.report("worker-kill")).isEqualTo(RUNS);
    assertThat(audit.lost()).isZero();
    assertThat(audit.nodesRunTwice()).isZero();
    assertThat(audit.tasksCompletedTwice()).isZero();
    assertThat(audit.tasksPerWorker().get("worker-2")).isPositive();
    // a call whose reply had been journalled is never made again; a second call happens only
    // when the kill fell between a reply and its journal entry (reported, not asserted)
    assertThat(audit.callsAfterJournal()).isZero();
    worker1.start().awaitReady(BatonCluster.START);
  }


}
