package dev.baton.bench;

import dev.baton.it.DatabaseAvailable;
import dev.baton.it.TestDatabase;
import dev.baton.security.Caller;
import dev.baton.workflow.WorkflowService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Time from {@code POST /api/workflows/{id}/runs} to completion for a 30-node chain with zero
 * simulated latency, against a baseline measured in the same run on the same engine and
 * database: a hand-written BPMN with 30 external tasks in a row, started through the Java API
 * and completed by a bare worker ({@code fetchAndLock} + {@code complete}, nothing else).
 * The difference is Baton's orchestration: async start, budget DMN before every task, prompt,
 * model call, JSON output variable, status bookkeeping.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(DatabaseAvailable.class)
class RunBenchmark {

  private static final int NODES = 30;
  private static final int WARMUP = 3;
  private static final int ROUNDS = 15;
  private static final String URL = TestDatabase.url();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", TestDatabase::user);
    registry.add("spring.datasource.password", TestDatabase::password);
    registry.add("baton.llm.simulated.latency-ms", () -> "0");
  }

  @LocalServerPort
  int port;

  @Autowired
  WorkflowService workflows;

  @Autowired
  RepositoryService repository;

  @Autowired
  RuntimeService runtime;

  @Autowired
  HistoryService history;

  @Autowired
  ExternalTaskService externalTasks;

  @Autowired
  javax.sql.DataSource dataSource;

  @Test
  void chainOfThirtyFromPostToCompletion() throws Exception {
    workflows.deploy(workflows.target(Caller.system(),
        "bench-chain", null), "Benchmark chain", null, SpecGenerator.chain(NODES));
    repository.createDeployment().addModelInstance("raw-chain.bpmn", rawChain()).deploy();
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
    Pattern id = Pattern.compile("\"id\":\"([^\"]+)\"");

    {
      Supplier<String> batonStart = () -> {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                  URI.create("http://localhost:" + port + "/api/workflows/bench-chain/runs"))
              .header("Authorization", auth).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"input_data\":{\"task\":\"b\"}}"))
              .build(), HttpResponse.BodyHandlers.ofString());
          Matcher m = id.matcher(r.body());
          if (!m.find()) {
            throw new IllegalStateException(r.body());
          }
          return m.group(1);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      Measured baton = measure(batonStart);
      // the bare worker polls only while the raw engine is measured: its polls would eat the
      // CPU of Baton's runs and count among their transactions
      Measured raw = withBareWorker(() -> measure(
          () -> runtime.startProcessInstanceByKey("raw-chain").getId()));
      String activity = TestDatabase.postgres() ? activity(batonStart) : null;

      double b = BenchmarkReport.median(baton.times());
      double r = BenchmarkReport.median(raw.times());
      List<Double> batonSteps = steps(baton.ids());
      List<Double> rawSteps = steps(raw.ids());
      new BenchmarkReport("run-chain-" + TestDatabase.KIND,
          "30-node chain, POST to completion (" + TestDatabase.KIND + ")",
          "what", "run, median", "run, p95", "per node (median)", "node step, median",
          "node step, p99")
          .row("Baton: compiled spec, REST start, in-process worker, simulated model",
              BenchmarkReport.ms(b),
              BenchmarkReport.ms(BenchmarkReport.percentile(baton.times(), 95)),
              BenchmarkReport.ms(b / NODES), BenchmarkReport.ms(BenchmarkReport.median(batonSteps)),
              BenchmarkReport.ms(BenchmarkReport.percentile(batonSteps, 99)))
          .row("baseline: hand-written BPMN, Java-API start, bare worker",
              BenchmarkReport.ms(r),
              BenchmarkReport.ms(BenchmarkReport.percentile(raw.times(), 95)),
              BenchmarkReport.ms(r / NODES), BenchmarkReport.ms(BenchmarkReport.median(rawSteps)),
              BenchmarkReport.ms(BenchmarkReport.percentile(rawSteps, 99)))
          .note(String.format("Baton takes %.1f× the bare engine's time; its orchestration "
              + "costs %.1f ms per node. Database: %s. %d warm-up and %d measured runs each, one "
              + "run at a time.", b / r, (b - r) / NODES, TestDatabase.KIND, WARMUP, ROUNDS))
          .note(String.format("Node step: from one agent task's end to the next one's (budget "
                  + "check, task creation, fetch, prompt, model call, ledger, completion), "
                  + "%d per kind, millisecond timestamps of the engine's history. Orchestration "
                  + "overhead per agent task, Baton's step minus the raw engine's: median %s, "
                  + "p99 %s.", batonSteps.size(),
              BenchmarkReport.ms(BenchmarkReport.median(batonSteps)
                  - BenchmarkReport.median(rawSteps)),
              BenchmarkReport.ms(BenchmarkReport.percentile(batonSteps, 99)
                  - BenchmarkReport.percentile(rawSteps, 99))))
          .note(activity == null ? "Transactions and rows written per agent task: measured "
              + "on PostgreSQL (its statistics views)." : activity)
          .publish();
    }
  }

  interface Work<T> {
    T run() throws Exception;
  }

  private <T> T withBareWorker(Work<T> work) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Thread bareWorker = new Thread(() -> bareWorker(running), "bare-worker");
    bareWorker.start();
    try {
      return work.run();
    } finally {
      running.set(false);
      bareWorker.join();
    }
  }

  /**
   * Transactions and rows written per agent task, from PostgreSQL's statistics: a few runs one
   * at a time of each kind between snapshots (the harness's own polls subtracted).
   */
  private String activity(Supplier<String> batonStart) throws Exception {
    PgActivity pg = new PgActivity(dataSource);
    int runs = 5;
    int tasks = runs * NODES;
    PgActivity.Snapshot s0 = pg.snapshot();
    int batonPolls = countedRuns(batonStart, runs);
    PgActivity.Snapshot s1 = pg.snapshot();
    int rawPolls = withBareWorker(() -> countedRuns(
        () -> runtime.startProcessInstanceByKey("raw-chain").getId(), runs));
    PgActivity.Snapshot s2 = pg.snapshot();
    // each snapshot is one transaction of its own too
    double batonTx = (s1.commits() - s0.commits() - batonPolls - 1) / (double) tasks;
    double rawTx = (s2.commits() - s1.commits() - rawPolls - 1) / (double) tasks;
    return String.format("Per agent task (PostgreSQL's statistics of this database, %d runs "
            + "of each one at a time): Baton commits %.1f transactions (%.2f rolled back) and "
            + "writes %.1f rows; the raw engine %.1f transactions (its bare worker's empty "
            + "polls included) and %.1f rows. Baton's rows per task by table: %s. The raw "
            + "engine's: %s.", runs, batonTx,
        (s1.rollbacks() - s0.rollbacks()) / (double) tasks,
        (s1.writes() - s0.writes()) / (double) tasks, rawTx,
        (s2.writes() - s1.writes()) / (double) tasks,
        table(PgActivity.writesPerTask(s0, s1, tasks)),
        table(PgActivity.writesPerTask(s1, s2, tasks)))
        + String.format(" WAL flushes (pg_stat_wal.wal_sync, server-wide) per agent task: "
            + "Baton %.2f, the raw engine %.2f.", (s1.walSyncs() - s0.walSyncs()) / (double) tasks,
            (s2.walSyncs() - s1.walSyncs()) / (double) tasks)
        + (s2.hasStatements()
            ? String.format(" Statements per agent task (pg_stat_statements): Baton %s "
                + "(%.2f ms in the server); the raw engine %s (%.2f ms).",
                table(PgActivity.statementsPerTask(s0, s1, tasks)),
                (s1.statementMs() - s0.statementMs()) / tasks,
                table(PgActivity.statementsPerTask(s1, s2, tasks)),
                (s2.statementMs() - s1.statementMs()) / tasks)
            : " (pg_stat_statements is not preloaded on this server: no statement counts.)");
  }

  private static String table(java.util.Map<String, Double> perTable) {
    StringBuilder s = new StringBuilder();
    perTable.forEach((t, n) -> s.append(s.length() == 0 ? "" : ", ")
        .append(String.format("%s %.1f", t, n)));
    return s.toString();
  }

  /** Runs one at a time; returns how many times the harness polled for their end. */
  private int countedRuns(Supplier<String> start, int runs) throws InterruptedException {
    int polls = 0;
    for (int i = 0; i < runs; i++) {
      String instance = start.get();
      do {
        Thread.sleep(20);
        polls++;
      } while (history.createHistoricProcessInstanceQuery().processInstanceId(instance)
          .finished().count() == 0);
    }
    return polls;
  }

  /** @param times milliseconds each measured run took to end; @param ids those runs */
  record Measured(List<Double> times, List<String> ids) {}

  /** Starts runs one at a time and times each until it has ended. */
  private Measured measure(Supplier<String> start) throws InterruptedException {
    List<Double> times = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < WARMUP + ROUNDS; i++) {
      long begin = System.nanoTime();
      String instance = start.get();
      while (history.createHistoricProcessInstanceQuery().processInstanceId(instance)
          .finished().count() == 0) {
        Thread.sleep(1);
      }
      if (i >= WARMUP) {
        times.add((System.nanoTime() - begin) / 1e6);
        ids.add(instance);
      }
    }
    return new Measured(times, ids);
  }

  /** Milliseconds between one agent task's end and the next one's, in each chain. */
  private List<Double> steps(List<String> ids) {
    List<Double> steps = new ArrayList<>();
    for (String id : ids) {
      List<Long> ends = history.createHistoricActivityInstanceQuery().processInstanceId(id)
          .activityType("serviceTask").finished().list().stream()
          .map(a -> a.getEndTime().getTime()).sorted().toList();
      for (int i = 1; i < ends.size(); i++) {
        steps.add((double) (ends.get(i) - ends.get(i - 1)));
      }
    }
    return steps;
  }

  private void bareWorker(AtomicBoolean running) {
    while (running.get()) {
      List<LockedExternalTask> tasks = externalTasks.fetchAndLock(10, "bare")
          .topic("raw-bench", 30_000).execute();
      tasks.forEach(t -> externalTasks.complete(t.getId(), "bare"));
      if (tasks.isEmpty()) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static BpmnModelInstance rawChain() {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("raw-chain")
        .camundaHistoryTimeToLive(30).startEvent();
    for (int i = 0; i < NODES; i++) {
      builder = builder.serviceTask("t" + i).camundaExternalTask("raw-bench");
    }
    return builder.endEvent().done();
  }
}
