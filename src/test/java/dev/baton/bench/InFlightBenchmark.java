package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.it.DatabaseAvailable;
import dev.baton.it.TestDatabase;
import dev.baton.run.RunService;
import dev.baton.security.Caller;
import dev.baton.workflow.WorkflowService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many agent calls in flight at once, with 2 s of simulated model latency: runs of a fan-out
 * (every node of a run starts at once) are started together, and the harness measures the
 * makespan (first start to last run ended) against the ideal (2 s per wave of calls the
 * worker's slots allow), the most tasks locked at once, and the heap and resident memory of
 * the JVM (engine, API, worker: the whole application) while they are in flight. One worker
 * JVM with 1,000 slots ({@code baton.worker.max-concurrent}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(DatabaseAvailable.class)
class InFlightBenchmark {

  private static final int SLOTS = 1000;
  private static final long LATENCY_MS = 2000;
  private static final String URL = TestDatabase.url();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PLOT = Path.of("docs", "benchmarks-in-flight.svg");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", TestDatabase::user);
    registry.add("spring.datasource.password", TestDatabase::password);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "30");
    registry.add("baton.llm.simulated.latency-ms", () -> String.valueOf(LATENCY_MS));
    registry.add("baton.worker.max-concurrent", () -> String.valueOf(SLOTS));
    registry.add("baton.worker.lock-duration", () -> "60s");
  }

  @Autowired WorkflowService workflows;
  @Autowired RunService runs;
  @Autowired HistoryService history;
  @Autowired ExternalTaskService externalTasks;

  record Result(String label, int runs, int fanOut, double makespanS, double idealS,
      int peakLocked, long heapIdleMb, long heapInFlightMb, long rssPeakMb) {
    int tasks() {
      return runs * fanOut;
    }
  }

  @Test
  void agentCallsInFlight() throws Exception {
    for (int fanOut : new int[] {5, 10}) {
      workflows.deploy(workflows.target(Caller.system(),
        "fan-" + fanOut, null), "Fan-out of " + fanOut, null, fanOutSpec(fanOut));
    }
    measure("warm-up", 20, 5);
    List<Result> results = new ArrayList<>();
    results.add(measure("issue 3: 500 calls in flight at once", 50, 10));
    results.add(measure("issue 6: 1,000 calls in flight across 100 runs", 100, 10));
    List<Result> curve = new ArrayList<>();
    for (int n : new int[] {10, 100, 1000}) {
      curve.add(measure(n + " concurrent runs", n, 5));
    }
    results.addAll(curve);

    BenchmarkReport report = new BenchmarkReport("in-flight-" + TestDatabase.KIND,
        "Agent calls in flight with 2 s latency (" + TestDatabase.KIND + ")",
        "workload", "runs", "agent tasks", "makespan", "ideal", "makespan / ideal",
        "most locked at once", "live heap idle → in flight", "RSS peak");
    for (Result r : results) {
      report.row(r.label(), r.runs(), r.tasks(), String.format("%.2f s", r.makespanS()),
          String.format("%.0f s", r.idealS()), String.format("%.2f×", r.makespanS() / r.idealS()),
          r.peakLocked(), r.heapIdleMb() + " → " + (r.heapInFlightMb() < 0 ? "n/a"
              : r.heapInFlightMb() + " MB (+" + (r.heapInFlightMb() - r.heapIdleMb()) + ")"),
          r.rssPeakMb() + " MB");
    }
    report.note("Ideal: 2 s for every wave of " + SLOTS + " calls the worker's slots allow; "
        + "the difference is orchestration (start, budget decision, fetch, reserve, ledger, "
        + "settle, complete, join). Live heap: used heap right after a full GC, before the runs "
        + "(idle) and once while at least 90% of the calls were locked (in flight); both "
        + "include the engine, the API and the caches of the whole application, the "
        + "difference is what the calls in flight hold (n/a: fewer were ever in flight at "
        + "once). RSS: the JVM's resident memory at its highest. "
        + "Aims (issue 3): 500 in flight under 1.5× ideal and under 100 MB heap for the "
        + "calls. Plot of the concurrent-runs curve: [benchmarks-in-flight.svg]"
        + "(benchmarks-in-flight.svg).");
    report.note("Load average of the machine (1/5/15 min) at the end: " + Load.now()
        + "; other builds were running on it while this was measured when it is well above "
        + "the core count.");
    report.publish();
    if (Boolean.getBoolean("baton.bench.record")) {
      Files.writeString(PLOT, svg(curve));
    }
  }

  private Result measure(String label, int count, int fanOut) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    Thread.sleep(200);
    long heapIdle = memory.getHeapMemoryUsage().getUsed();
    AtomicLong heapInFlight = new AtomicLong(-1);
    AtomicLong rssPeak = new AtomicLong(rss());
    AtomicLong lockedPeak = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    int expectedInFlight = Math.min(count * fanOut, SLOTS);
    Thread sampler = new Thread(() -> {
      int i = 0;
      while (sampling.get()) {
        rssPeak.accumulateAndGet(rss(), Math::max);
        if (i++ % 3 == 0) {
          long locked = externalTasks.createExternalTaskQuery().locked().count();
          lockedPeak.accumulateAndGet(locked, Math::max);
          // the live heap while (nearly) all calls are in flight: one full GC, then the used
          // heap is what the application really holds for them (garbage is not counted)
          if (heapInFlight.get() < 0 && locked >= expectedInFlight * 0.9) {
            System.gc();
            heapInFlight.set(memory.getHeapMemoryUsage().getUsed());
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-sampler");
    sampler.start();
    long begin = System.nanoTime();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(runs.start(Caller.system(), "fan-" + fanOut,
          JSON.createObjectNode().put("task", "r" + i), 50).id());
    }
    while (history.createHistoricProcessInstanceQuery().processInstanceIds(ids).finished()
        .count() < count) {
      Thread.sleep(50);
    }
    double makespan = (System.nanoTime() - begin) / 1e9;
    sampling.set(false);
    sampler.join();
    int tasks = count * fanOut;
    double ideal = LATENCY_MS / 1000.0 * Math.ceil(tasks / (double) SLOTS);
    Result r = new Result(label, count, fanOut, makespan, ideal, (int) lockedPeak.get(),
        heapIdle >> 20, heapInFlight.get() < 0 ? -1 : heapInFlight.get() >> 20,
        rssPeak.get() >> 10);
    System.out.println("[bench] " + r);
    return r;
  }

  /** Resident set size of this JVM in KiB (Linux), 0 elsewhere. */
  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return 0;
  }

  private static String fanOutSpec(int fanOut) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("metadata").put("name", "Fan-out of " + fanOut).put("version", "1.0.0")
        .put("budget_usd", 5.0);
    ArrayNode nodes = spec.putArray("nodes");
    for (int i = 0; i < fanOut; i++) {
      nodes.addObject().put("id", "n" + i).put("type", "agent_task")
          .put("agent_type", "builder").put("name", "Part " + i);
    }
    return spec.toString();
  }

  /** Makespan and ideal against concurrent runs (log scale), and heap, as an SVG line chart. */
  static String svg(List<Result> curve) {
    int w = 640;
    int h = 360;
    int left = 60;
    int right = 60;
    int top = 40;
    int bottom = 50;
    double maxTime = curve.stream().mapToDouble(r -> Math.max(r.makespanS(), r.idealS()))
        .max().orElse(1) * 1.15;
    double maxHeap = curve.stream().mapToDouble(Result::heapInFlightMb).max().orElse(1) * 1.15;
    double minLog = Math.log10(curve.get(0).runs());
    double maxLog = Math.log10(curve.get(curve.size() - 1).runs());
    StringBuilder s = new StringBuilder();
    s.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
    s.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
    s.append(String.format("<text x=\"%d\" y=\"22\" font-size=\"14\">Agent calls with 2 s "
        + "latency: makespan, ideal and heap by concurrent runs (%s)</text>%n", left,
        TestDatabase.KIND));
    s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        left, h - bottom, w - right, h - bottom));
    s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        left, top, left, h - bottom));
    s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        w - right, top, w - right, h - bottom));
    for (int i = 0; i <= 4; i++) {
      double y = h - bottom - i * (h - top - bottom) / 4.0;
      s.append(String.format("<text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">%.0f s</text>%n",
          left - 5, y + 4, maxTime * i / 4));
      s.append(String.format("<text x=\"%d\" y=\"%.0f\">%.0f MB</text>%n", w - right + 5, y + 4,
          maxHeap * i / 4));
    }
    List<double[]> makespan = new ArrayList<>();
    List<double[]> ideal = new ArrayList<>();
    List<double[]> heap = new ArrayList<>();
    for (Result r : curve) {
      double x = left + (Math.log10(r.runs()) - minLog) / Math.max(1e-9, maxLog - minLog)
          * (w - left - right);
      makespan.add(new double[] {x, h - bottom - r.makespanS() / maxTime * (h - top - bottom)});
      ideal.add(new double[] {x, h - bottom - r.idealS() / maxTime * (h - top - bottom)});
      if (r.heapInFlightMb() >= 0) {
        heap.add(new double[] {x, h - bottom - r.heapInFlightMb() / maxHeap
            * (h - top - bottom)});
      }
      s.append(String.format("<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">%d runs (%d "
          + "tasks)</text>%n", x, h - bottom + 18, r.runs(), r.tasks()));
    }
    line(s, makespan, "#c0392b", "makespan", left + 10, top + 14);
    line(s, ideal, "#7f8c8d", "ideal (2 s per wave of slots)", left + 10, top + 30);
    line(s, heap, "#2980b9", "live heap in flight (right axis)", left + 10, top + 46);
    s.append("</svg>\n");
    return s.toString();
  }

  private static void line(StringBuilder s, List<double[]> points, String colour, String label,
      int lx, int ly) {
    StringBuilder path = new StringBuilder();
    for (double[] p : points) {
      path.append(String.format("%.1f,%.1f ", p[0], p[1]));
      s.append(String.format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", p[0], p[1],
          colour));
    }
    s.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
        + "stroke-width=\"2\"/>%n", path.toString().trim(), colour));
    s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
        + "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly - 4, lx + 20, ly - 4,
        colour, lx + 25, ly, label));
  }
}
