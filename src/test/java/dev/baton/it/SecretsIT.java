package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.llm.wire.WireReply;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A provider key is read from the environment and sent to the provider, and nowhere else: a
 * 401 whose body quotes the key leaves no trace of it in the incident, the node's output, the
 * run's variables and history, the ledger or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfEnvironmentVariable(named = "BATON_WIRE_TEST_KEY", matches = ".+")
class SecretsIT extends WireIntegrationTest {

  private static final String KEY = System.getenv("BATON_WIRE_TEST_KEY");

  @Autowired
  HistoryService history;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void refusedKeyLeavesNoTraceOfItAnywhere(CapturedOutput log) {
    ApiClient api = api();
    WIRE.otherwise("it-keyed", WireReply.unauthorizedEchoingKey());
    String run = api.startRun(ProvidersIT.deploy(api, "wire-keyed-flow", "wire-keyed", false,
        false), Map.of("task", "x"));
    JsonNode failed = api.awaitStatus(run, "failed");

    // the key went to the provider, as a bearer token
    assertThat(WIRE.requests("it-keyed").get(0).headers().get("Authorization"))
        .containsExactly("Bearer " + KEY);
    assertThat(failed.path("reason").asText()).contains("HTTP 401")
        .contains("BATON_WIRE_TEST_KEY").doesNotContain(KEY);
    assertThat(failed.toString()).doesNotContain(KEY);
    for (HistoricVariableInstance variable :
        history.createHistoricVariableInstanceQuery().processInstanceId(run).list()) {
      assertThat(String.valueOf(variable.getValue())).doesNotContain(KEY);
    }
    history.createHistoricIncidentQuery().processInstanceId(run).list().forEach(incident ->
        assertThat(incident.getIncidentMessage()).doesNotContain(KEY));
    history.createHistoricExternalTaskLogQuery().processInstanceId(run).list().forEach(entry ->
        assertThat(String.valueOf(entry.getErrorMessage())).doesNotContain(KEY));
    assertThat(jdbc.queryForList("SELECT * FROM baton_cost_ledger WHERE run_id = ?", run)
        .toString()).doesNotContain(KEY);
    assertThat(log.getAll()).doesNotContain(KEY);
  }
}
