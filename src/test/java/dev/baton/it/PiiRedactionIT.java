package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.contract.BpmnConventions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PII planted in a run's input reaches the model's output (the simulated model quotes its
 * prompt's first line, and a refusal quotes it too), and from there would reach the reply
 * journal, the node's output variable and its history, the approver's review form, the incident
 * and the log. With the default privacy settings and one custom domain, none of them holds a
 * planted value; each holds the masks instead. The run input itself is stored as given
 * ({@code redact-input} is off by default) and is the one variable left out of the checks.
 */
@ExtendWith(OutputCaptureExtension.class)
class PiiRedactionIT extends IntegrationTest {

  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+1 415 555 0134";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String CUSTOMER = "CUST-4821-77";
  private static final List<String> PLANTED = List.of(EMAIL, PHONE, CARD, "4111111111111111",
      CUSTOMER);

  /** Own database: the cached plain context's worker would take these tasks otherwise. */
  private static final String OWN_URL = ClusterDatabases.url("pii");

  @DynamicPropertySource
  static void privacy(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.hikari.jdbc-url", () -> OWN_URL);
    registry.add("baton.privacy.domains.customer_data.patterns[0]",
        () -> "CUST-[0-9]{4}-[0-9]{2}");
    // a call long enough to take its task's lock away while it runs (the journal check)
    registry.add("baton.llm.simulated.latency-ms", () -> "2500");
    registry.add("baton.worker.lock-duration", () -> "2s");
    registry.add("baton.worker.retries", () -> "1");
  }

  @Autowired
  ExternalTaskService externalTasks;

  @Autowired
  RuntimeService runtime;

  @Autowired
  TaskService tasks;

  @Autowired
  HistoryService history;

  @Autowired
  JdbcTemplate jdbc;

  private static Map<String, Object> spec() {
    String contact = "{{input.email}} or {{input.phone}}, card {{input.card}}, customer "
        + "{{input.customer}}";
    return Map.of("metadata", Map.of("name", "PII flow", "version", "1.0.0"),
        "nodes", List.of(
            Map.of("id", "draft", "type", "agent_task", "agent_type", "builder",
                "name", "Draft reply", "config", Map.of("prompt", "Reply to " + contact)),
            Map.of("id", "review", "type", "approval_gate", "name", "Review reply",
                "config", Map.of("required_role", "TenantAdmin"),
                "dependencies", List.of("draft")),
            Map.of("id", "send", "type", "agent_task", "agent_type", "builder",
                "name", "Send reply", "config",
                // within the 100 characters the refusal quotes
                Map.of("prompt", "[simulate:error:send] To {{input.customer}} at {{input.email}}"
                    + " / {{input.phone}}"),
                "dependencies", List.of("review"))),
        "edges", List.of(
            Map.of("from", "draft", "to", "review", "condition", "success"),
            Map.of("from", "review", "to", "send", "condition", "approved")));
  }

  @Test
  void plantedValuesReachNoJournalVariableHistoryReviewFormIncidentOrLog(CapturedOutput log) {
    ApiClient api = api();
    var created = api.post("/api/workflows", Map.of("slug", "pii-flow", "spec", spec()));
    assertThat(created.status()).as(created.body()).isIn(200, 201);
    String run = api.startRun("pii-flow",
        Map.of("email", EMAIL, "phone", PHONE, "card", CARD, "customer", CUSTOMER));

    // the journal: while the draft's call runs, its task is locked by another worker, so the
    // answer is journalled but not completed until that lock expires; the row is read then
    ExternalTask draft = Awaitility.await().atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> externalTasks.createExternalTaskQuery().processInstanceId(run)
            .activityId("draft").locked().singleResult(), t -> t != null);
    // the worker extends its lock meanwhile, or takes the task again between unlock and lock:
    // a conflicting update, or a lock held by it, is tried again
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsMatching(e ->
            e instanceof org.camunda.bpm.engine.OptimisticLockingException
                || e instanceof org.camunda.bpm.engine.BadUserRequestException)
        .until(() -> {
          externalTasks.unlock(draft.getId());
          externalTasks.lock(draft.getId(), "another-worker", 4000);
          return true;
        });
    String journalled = Awaitility.await().atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> jdbc.queryForList("SELECT output FROM baton_reply_journal WHERE run_id = ?",
            String.class, run), rows -> !rows.isEmpty()).get(0);
    assertRedacted("reply journal", journalled);
    assertThat(journalled).contains("[redacted:email]").contains("[redacted:card]");
    // the rendered prompt, kept for replay, is redacted the same way
    String prompt = jdbc.queryForObject("SELECT prompt FROM baton_reply_journal WHERE run_id = ? "
        + "AND node_id = 'draft'", String.class, run);
    assertRedacted("reply journal prompt", prompt);
    assertThat(prompt).startsWith("Reply to [redacted:email]").contains("[redacted:card]");

    // the review form, as Tasklist shows it
    String approval = api.awaitApproval(run, "review");
    String taskId = tasks.createTaskQuery().processInstanceId(run).taskDefinitionKey("review")
        .singleResult().getId();
    String form = String.valueOf(tasks.getVariableLocal(taskId, "baton_review"));
    assertThat(form).contains("#### Draft reply").contains("#### The run's input");
    assertRedacted("review form", form);
    assertThat(form).contains("[redacted:customer_data]");

    // the node's output, as the run status shows it
    JsonNode waiting = api.run(run);
    JsonNode output = RunLifecycleIT.node(waiting, "draft").path("output");
    assertRedacted("draft output", output.toString());
    assertThat(output.path("output").asText()).startsWith("Simulated answer ")
        .contains("to: Reply to [redacted:email] or [redacted:phone], card [redacted:card], "
            + "customer [redacted:customer_data]");

    // the incident: the send step is refused, and the refusal quotes the prompt
    assertThat(api.post("/api/approvals/" + approval + "/approve",
        Map.of("justification", "fine")).status()).isEqualTo(200);
    JsonNode failed = api.awaitStatus(run, "failed");
    Incident incident = runtime.createIncidentQuery().processInstanceId(run).singleResult();
    assertThat(incident).isNotNull();
    assertRedacted("incident message", incident.getIncidentMessage());
    assertThat(incident.getIncidentMessage()).contains("simulated model refused")
        .contains("To [redacted:customer_data] at [redacted:email] / [redacted:phone]");
    assertRedacted("run status", withoutInput(failed));

    // history: every variable and every update of one, but the input stored as given
    List<String> stored = new ArrayList<>();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .processInstanceId(run).disableCustomObjectDeserialization().list()) {
      if (!BpmnConventions.VAR_INPUT.equals(v.getName())) {
        stored.add(v.getName() + "=" + v.getValue());
      }
    }
    assertThat(stored).anyMatch(s -> s.startsWith("draft=") && s.contains("[redacted:email]"));
    assertThat(stored).anyMatch(s -> s.startsWith("baton_review=")
        && s.contains("[redacted:phone]"));
    for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(run)
        .variableUpdates().disableCustomObjectDeserialization().list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      if (!BpmnConventions.VAR_INPUT.equals(update.getVariableName())) {
        stored.add(update.getVariableName() + "=" + update.getValue());
      }
    }
    for (HistoricIncident h : history.createHistoricIncidentQuery().processInstanceId(run)
        .list()) {
      stored.add(h.getIncidentMessage());
    }
    for (HistoricExternalTaskLog entry : history.createHistoricExternalTaskLogQuery()
        .processInstanceId(run).failureLog().list()) {
      stored.add(entry.getErrorMessage());
      stored.add(history.getHistoricExternalTaskLogErrorDetails(entry.getId()));
    }
    assertThat(stored).anyMatch(s -> s != null && s.contains("simulated model refused"));
    stored.forEach(s -> assertRedacted("history", s));

    // the log: the incident was logged, redacted; nothing anywhere in it holds a planted value
    assertThat(log.getAll()).contains("Incident raised for agent task")
        .contains("To [redacted:customer_data] at [redacted:email] / [redacted:phone]");
    assertRedacted("log", log.getAll());
  }

  private static String withoutInput(JsonNode run) {
    ObjectNode copy = run.deepCopy();
    copy.remove("input");
    copy.remove("input_data");
    return copy.toString();
  }

  private static void assertRedacted(String where, String text) {
    if (text == null) {
      return;
    }
    for (String value : PLANTED) {
      assertThat(text).as(where + " holds " + value).doesNotContain(value);
    }
  }
}
