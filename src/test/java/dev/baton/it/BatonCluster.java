package dev.baton.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.support.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Engine nodes and workers as separate processes from the packaged jar on one PostgreSQL
 * database. The first engine node starts alone (it creates the schemas); the others start
 * together after it. Closing stops every process, whatever state the test left it in.
 */
final class BatonCluster implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  // generous: a loaded 2-core machine has taken 3 minutes to start one node
  static final Duration START = Duration.ofMinutes(6);

  final String jdbcUrl;
  final List<BatonProcess> engines = new ArrayList<>();
  final List<BatonProcess> workers = new ArrayList<>();
  private int nextApi;

  private BatonCluster(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  static BatonCluster start(String test, String jdbcUrl, int engineCount, int workerCount,
      Map<String, String> engineProperties, Map<String, String> workerProperties) {
    BatonCluster cluster = new BatonCluster(jdbcUrl);
    try {
      for (int i = 1; i <= engineCount; i++) {
        cluster.engines.add(BatonProcess.engine(test, "engine-" + i, jdbcUrl, engineProperties));
      }
      for (int i = 1; i <= workerCount; i++) {
        cluster.workers.add(BatonProcess.worker(test, "worker-" + i, jdbcUrl, cluster.engines,
            workerProperties));
      }
      cluster.engines.get(0).start().awaitReady(START);
      List<BatonProcess> rest = new ArrayList<>(cluster.engines.subList(1, engineCount));
      rest.addAll(cluster.workers);
      rest.forEach(BatonProcess::start);
      CompletableFuture.allOf(rest.stream()
          .map(p -> CompletableFuture.runAsync(() -> p.awaitReady(START)))
          .toArray(CompletableFuture[]::new)).join();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The engines' APIs in turn, skipping nodes that are down. */
  ApiClient api() {
    for (int i = 0; i < engines.size(); i++) {
      BatonProcess engine = engines.get(Math.floorMod(nextApi++, engines.size()));
      if (engine.alive()) {
        return engine.api();
      }
    }
    throw new IllegalStateException("no engine node is up");
  }

  /** Deploys a spec and returns its process definition key. */
  String deploy(String slug, String spec) {
    try {
      ApiClient.Response r = engines.get(0).api().post("/api/workflows",
          Map.of("slug", slug, "spec", JSON.readTree(spec)));
      if (r.status() != 201) {
        throw new AssertionError("deploy failed: " + r.status() + " " + r.body());
      }
      String definition = r.json().path("process_definition_id").asText();
      return definition.substring(0, definition.indexOf(':'));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> startRuns(String workflowId, int count) {
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(api().startRun(workflowId, Map.of("task", "cluster run " + i)));
    }
    return runs;
  }

  /**
   * Approves whatever is pending, through the engine nodes in turn, until {@code finished}
   * reaches {@code expected} or the time is up. Returns the number of approvals given.
   */
  int approveUntil(IntSupplier finished, int expected, Duration timeout) {
    return approveUntil(this::api, finished, expected, timeout);
  }

  /**
   * Approves whatever is pending through the API that {@code apis} gives each round, every
   * 300 ms, until {@code finished} reaches {@code expected} or the time is up (the caller's
   * assertions then report what is missing). Returns the number of approvals given.
   */
  static int approveUntil(Supplier<ApiClient> apis, IntSupplier finished, int expected,
      Duration timeout) {
    AtomicInteger approved = new AtomicInteger();
    Poll.tryUntil("runs finished after approvals", timeout, Duration.ofMillis(300), () -> {
      if (finished.getAsInt() >= expected) {
        return true;
      }
      try {
        ApiClient api = apis.get();
        ApiClient.Response pending = api.get("/api/approvals/pending");
        if (pending.status() == 200) {
          for (JsonNode p : pending.json()) {
            ApiClient.Response r = api.post("/api/approvals/" + p.path("id").asText()
                + "/approve", Map.of("justification", "cluster test"));
            if (r.status() == 200) {
              approved.incrementAndGet();
            }
          }
        }
      } catch (RuntimeException e) {
        // a node going down or reconnecting in the middle of a request: the next round again
      }
      return false;
    });
    return approved.get();
  }

  @Override
  public void close() {
    for (BatonProcess p : workers) {
      p.close();
    }
    for (BatonProcess p : engines) {
      p.close();
    }
  }
}
