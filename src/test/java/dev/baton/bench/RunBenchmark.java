package dev.baton.bench;

import dev.baton.it.DatabaseAvailable;
import dev.baton.it.TestDatabase;
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
    workflows.deploy("bench-chain", "Benchmark chain", null, SpecGenerator.chain(NODES));
    repository.createDeployment().addModelInstance("raw-chain.bpmn", rawChain()).deploy();
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
    Pattern id = Pattern.compile("\"id\":\"([^\"]+)\"");

    AtomicBoolean running = new AtomicBoolean(true);
    Thread bareWorker = new Thread(() -> bareWorker(running), "bare-worker");
    bareWorker.start();
    try {
      List<Double> baton = measure(() -> {
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
      List<Double> raw = measure(() -> runtime.startProcessInstanceByKey("raw-chain").getId());

      double b = BenchmarkReport.median(baton);
      double r = BenchmarkReport.median(raw);
      new BenchmarkReport("run-chain-" + TestDatabase.KIND,
          "30-node chain, POST to completion (" + TestDatabase.KIND + ")",
          "what", "median", "p95", "per node (median)")
          .row("Baton: compiled spec, REST start, in-process worker, simulated model",
              BenchmarkReport.ms(b), BenchmarkReport.ms(BenchmarkReport.percentile(baton, 95)),
              BenchmarkReport.ms(b / NODES))
          .row("baseline: hand-written BPMN, Java-API start, bare worker",
              BenchmarkReport.ms(r), BenchmarkReport.ms(BenchmarkReport.percentile(raw, 95)),
              BenchmarkReport.ms(r / NODES))
          .note(String.format("Baton takes %.1f× the bare engine's time; its orchestration "
              + "costs %.1f ms per node. Database: %s. %d warm-up and %d measured runs each, one "
              + "run at a time.", b / r, (b - r) / NODES, TestDatabase.KIND, WARMUP, ROUNDS))
          .publish();
    } finally {
      running.set(false);
      bareWorker.join();
    }
  }

  /** Starts runs one at a time and returns the milliseconds each took to end. */
  private List<Double> measure(Supplier<String> start) throws InterruptedException {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < WARMUP + ROUNDS; i++) {
      long begin = System.nanoTime();
      String instance = start.get();
      while (history.createHistoricProcessInstanceQuery().processInstanceId(instance)
          .finished().count() == 0) {
        Thread.sleep(1);
      }
      if (i >= WARMUP) {
        times.add((System.nanoTime() - begin) / 1e6);
      }
    }
    return times;
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
