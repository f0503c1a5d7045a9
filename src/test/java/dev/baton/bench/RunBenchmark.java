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

  @Test
  void chainOfThirtyFromPostToCompletion() throws Exception {
    workflows.deploy(workflows.target(Caller.system(),
        "bench-chain", null), "Benchmark chain", null, SpecGenerator.chain(NODES));
    repository.createDeployment().addModelInstance("raw-chain.bpmn", rawChain()).deploy();
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
    Pattern id = Pattern.compile("\"id\":\"([^\"]+)\"");

    AtomicBoolean running = new AtomicBoolean(true);
    Thread bareWorker = new Thread(() -> bareWorker(running), "bare-worker");
    bareWorker.start();
    try {
      Measured baton = measure(() -> {
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
      });
      Measured raw = measure(() -> runtime.startProcessInstanceByKey("raw-chain").getId());

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
          .publish();
    } finally {
      running.set(false);
      bareWorker.join();
    }
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
