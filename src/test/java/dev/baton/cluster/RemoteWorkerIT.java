package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.BatonApplication;
import dev.baton.agent.EngineTasks;
import dev.baton.it.ApiClient;
import dev.baton.it.ClusterDatabases;
import dev.baton.it.DatabaseAvailable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The two roles over real HTTP: an engine node without a worker (role {@code engine}) and a
 * worker-only application context (role {@code worker}, no engine) that reaches the engine
 * through {@code /engine-rest} with HTTP Basic and the ledger through the shared database.
 * Every agent task of these runs is done by the remote worker: the engine has none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "baton.role=engine", "baton.worker.enabled=false", "baton.llm.simulated.latency-ms=50"})
@ExtendWith(DatabaseAvailable.class)
// closed after the class: its engine REST API would go on serving the worker's pending
// long-poll fetches, against whichever engine Camunda's static registry names "default" then:
// another test context's, whose agent tasks would be locked by a worker that is gone
@DirtiesContext
class RemoteWorkerIT {

  private static final String URL = ClusterDatabases.url("remote");
  private static final Map<String, String> TASK = Map.of("task", "Build a todo app");
  private static ConfigurableApplicationContext worker;

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext engine;

  @Autowired
  HistoryService history;

  @Autowired
  JdbcTemplate jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", ClusterDatabases::user);
    registry.add("spring.datasource.password", ClusterDatabases::password);
  }

  @BeforeEach
  void startWorker() {
    if (worker == null) {
      worker = new SpringApplicationBuilder(BatonApplication.class)
          .profiles("worker")
          // as arguments: properties given to the builder rank below the profile's yml
          .run(arguments(Map.of(
              "spring.datasource.url", URL,
              "spring.datasource.username", ClusterDatabases.user(),
              "spring.datasource.password", ClusterDatabases.password(),
              "baton.remote.url", "http://localhost:" + port + "/engine-rest",
              // the demo's worker account: only the worker role's authorizations, every tenant
              "baton.remote.username", "worker",
              "baton.remote.password", "worker",
              "baton.remote.long-poll", "2s",
              "baton.llm.simulated.latency-ms", "50")));
    }
  }

  static String[] arguments(Map<String, String> properties) {
    return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  @Test
  void theWorkerRoleHasNoEngineAndTheEngineRoleNoWorker() {
    assertThat(worker.getBeansOfType(ProcessEngine.class)).isEmpty();
    assertThat(worker.getBean(EngineTasks.class)).isInstanceOf(RestEngineTasks.class);
    assertThat(engine.getBeansOfType(EngineTasks.class).values())
        .noneMatch(RestEngineTasks.class::isInstance);
    assertThat(engine.containsBean("agentWorker")).isFalse();
    assertThat(worker.containsBean("agentWorker")).isTrue();
  }

  @Test
  void remoteWorkerRunsParallelBranchesApprovalsTemplatesAndFailureRoutes() {
    ApiClient api = new ApiClient(port, "demo", "demo");
    String diamond = api.startRun("diamond", TASK);
    String cycle = api.startRun("full-development-cycle", TASK);
    String guarded = api.startRun("guarded-release",
        Map.of("task", "release 2.0 [simulate:error:build]"));

    api.post("/api/approvals/" + api.awaitApproval(cycle, "approval_gate") + "/approve",
        Map.of("justification", "fine"));

    JsonNode d = api.awaitEnd(diamond);
    assertThat(d.path("status").asText()).isEqualTo("completed");
    JsonNode c = api.awaitEnd(cycle);
    assertThat(c.path("status").asText()).isEqualTo("completed");
    // implement's template reads the plan's output: a variable read over REST
    assertThat(node(c, "implement").at("/output/usage/output_tokens").asInt()).isPositive();
    JsonNode g = api.awaitEnd(guarded);
    assertThat(g.path("status").asText()).isEqualTo("completed");
    assertThat(node(g, "build").path("status").asText()).isEqualTo("failed");

    for (String run : List.of(diamond, cycle)) {
      List<HistoricExternalTaskLog> done = history.createHistoricExternalTaskLogQuery()
          .processInstanceId(run).successLog().list();
      assertThat(done).isNotEmpty();
      Set<String> workers = done.stream().map(HistoricExternalTaskLog::getWorkerId)
          .collect(Collectors.toSet());
      assertThat(workers).hasSize(1);
      // each completed call was paid once, by the remote worker, in the shared ledger
      Integer ledger = jdbc.queryForObject(
          "select count(*) from baton_cost_ledger where run_id = ?", Integer.class, run);
      assertThat(ledger).isEqualTo(done.size());
    }
  }

  private static JsonNode node(JsonNode run, String id) {
    for (JsonNode n : run.path("nodes")) {
      if (id.equals(n.path("id").asText())) {
        return n;
      }
    }
    throw new AssertionError("no node " + id + " in " + run.toPrettyString());
  }
}
