package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hard cap holds with two engine nodes: two Baton applications (each with its own process
 * engine, job executor and worker) share one database, as in production, and work one run's 50
 * parallel agent tasks against a budget for about ten. Each worker takes at most 4 tasks at a
 * time, so both nodes get work (checked over the three runs). Whatever the interleaving, spend never exceeds the budget: the
 * reservation's conditional update in the shared database decides, not either JVM.
 */
@ExtendWith(DatabaseAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetTwoEngineNodesIT {

  private static final int BRANCHES = 50;
  private static final BigDecimal BUDGET = new BigDecimal("0.0012");

  private ConfigurableApplicationContext nodeA;
  private ConfigurableApplicationContext nodeB;
  private ApiClient api;
  private final java.util.Set<String> workersSeen = new java.util.concurrent.ConcurrentSkipListSet<>();
  private JdbcTemplate jdbc;

  @BeforeAll
  void startTwoNodes() {
    String url = TestDatabase.freshUrl("two_nodes");
    // one after the other: the second finds the schema, demo users and deployments in place
    nodeA = node("node-a", url);
    nodeB = node("node-b", url);
    api = new ApiClient(port(nodeA), "demo", "demo");
    jdbc = nodeA.getBean(JdbcTemplate.class);
    ObjectNode spec = new ObjectMapper().createObjectNode();
    spec.putObject("metadata").put("name", "Fifty on two nodes").put("budget_usd", BUDGET);
    ArrayNode nodes = spec.putArray("nodes");
    nodes.addObject().put("id", "fan").put("type", "parallel");
    for (int i = 0; i < BRANCHES; i++) {
      ObjectNode node = nodes.addObject().put("id", "w" + i).put("type", "agent_task")
          .put("agent_type", "builder");
      node.putObject("config").put("max_tokens", 64);
      node.putArray("dependencies").add("fan");
    }
    var created = api.post("/api/workflows", Map.of("slug", "fifty-two-nodes", "spec", spec));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static ConfigurableApplicationContext node(String name, String url) {
    return EngineNode.start(name, url,
        "--baton.worker.max-concurrent=4",
        // slow enough calls that the other node's worker, woken by polling rather than by
        // this node's task-created signal, gets tasks before the run is over
        "--baton.llm.simulated.latency-ms=500");
  }

  private static int port(ConfigurableApplicationContext context) {
    return EngineNode.port(context);
  }

  @AfterAll
  void stopNodes() {
    try {
      assertThat(workersSeen).as("both engine nodes' workers took tasks over the runs")
          .anyMatch(w -> w.startsWith("node-a")).anyMatch(w -> w.startsWith("node-b"));
    } finally {
      closeNodes();
    }
  }

  private void closeNodes() {
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB,
        nodeA}) {
      if (node != null) {
        node.close();
      }
    }
  }

  /**
   * The audit log's appends are serialized by the database, not by either JVM: both nodes
   * append at once, each in transactions of its own, and the chain stays one unbroken line.
   */
  @org.junit.jupiter.api.Test
  void auditAppendsFromBothNodesFormOneChain() throws Exception {
    String marker = "audit.two_nodes." + System.nanoTime();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
      var audit = node.getBean(dev.baton.audit.AuditLog.class);
      var tx = new org.springframework.transaction.support.TransactionTemplate(
          node.getBean(org.springframework.transaction.PlatformTransactionManager.class));
      for (int t = 0; t < 4; t++) {
        String actor = node.getId() + "-" + t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            int n = i;
            tx.executeWithoutResult(s -> audit.append(new dev.baton.audit.AuditEvent(marker,
                actor, null, "test", "n" + n, null, null)));
          }
          return null;
        }));
      }
    }
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(api.get("/api/audit?action=" + marker).json().path("total").asLong())
        .isEqualTo(2 * 4 * 25);
    JsonNode verified = new ApiClient(port(nodeB), "demo", "demo").get("/api/audit/verify")
        .json();
    assertThat(verified.path("intact").asBoolean()).as(verified.toPrettyString()).isTrue();
  }

  @RepeatedTest(3)
  void spendNeverExceedsTheBudgetWithTwoEngineNodes() {
    String run = api.startRun("fifty-two-nodes", Map.of("task", "spend carefully"));
    JsonNode done = api.awaitRun(run, r -> r.path("status").asText().equals("failed")
        || r.path("status").asText().equals("completed"), Duration.ofSeconds(120));
    assertThat(done.path("status").asText()).as(done.path("reason").asText()).isEqualTo("failed");
    assertThat(done.path("reason").asText()).contains("budget exceeded");
    HeldReservations.awaitNone(jdbc, run);

    BigDecimal spent = jdbc.queryForObject("SELECT COALESCE(SUM(cost_usd), 0) FROM "
        + "baton_cost_ledger WHERE run_id = ?", BigDecimal.class, run);
    int calls = jdbc.queryForObject("SELECT COUNT(*) FROM baton_cost_ledger WHERE run_id = ?",
        Integer.class, run);
    List<String> workers = nodeA.getBean(HistoryService.class)
        .createHistoricExternalTaskLogQuery().processInstanceId(run).list().stream()
        .map(HistoricExternalTaskLog::getWorkerId).filter(w -> w != null).distinct().toList();
    System.out.printf("[budget, two nodes] run %s: %d of %d calls paid, $%s of $%s; workers %s%n",
        run, calls, BRANCHES, spent.toPlainString(), BUDGET.toPlainString(), workers);
    assertThat(calls).isPositive().isLessThan(BRANCHES);
    assertThat(spent).isLessThanOrEqualTo(BUDGET);
    workersSeen.addAll(workers);
  }
}
