package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.contract.JsonValues;
import dev.baton.privacy.Privacy;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Nothing is paid twice: a node's output is written here (Flyway V4, {@code
 * baton_reply_journal}) once its model call finished and before its external task is
 * completed, keyed by the external task's id. When the same task comes back (its completion
 * failed, its lock expired and it was fetched again, the worker died after the call) the output
 * is taken from here and the model is not called again, so the cost ledger gets no second
 * entry. The table lives in the shared database, so any Baton node finds the reply.
 *
 * <p>A completed task's entry is kept, marked completed (V16), with the rendered prompt: it is
 * the run's recording that a replay ({@code dev.baton.replay}) reads. Retention follows the
 * run's history ({@code dev.baton.replay.JournalRetention}).
 */
@Component
class ReplyJournal {

  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();
  private final Privacy privacy;

  ReplyJournal(JdbcTemplate jdbc, Privacy privacy) {
    this.jdbc = jdbc;
    this.privacy = privacy;
  }

  /**
   * Journals a task's output and the prompt that produced it, in the caller's transaction
   * ({@link AnswerSettlement} writes it with the call's ledger entries and settlement). PII is
   * redacted in both unless {@code baton.privacy.keep-original} keeps the original here, the one
   * place it may stay.
   *
   * @param prompt the rendered prompt, or null
   * @throws DuplicateKeyException when the task was answered and journalled before
   */
  void record(LockedExternalTask task, String nodeId, JsonNode output, String prompt) {
    jdbc.update("INSERT INTO baton_reply_journal (task_id, run_id, node_id, output, prompt, "
            + "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        task.getId(), task.getProcessInstanceId(), nodeId, privacy.journal(output).toString(),
        prompt == null ? null : privacy.journal(TextNode.valueOf(prompt)).asText(),
        Timestamp.from(clock.instant()));
  }

  /**
   * Marks a completed task's entry, in the completion's transaction when the engine is in this
   * JVM. The entry stays: a completed task cannot come back, so it only serves replay now. An
   * entry whose mark was lost to a crash between the two steps (a remote engine) is still a
   * valid recording; it is only not known to have completed.
   */
  void completed(String taskId) {
    jdbc.update("UPDATE baton_reply_journal SET completed_at = ? WHERE task_id = ? "
        + "AND completed_at IS NULL", Timestamp.from(clock.instant()), taskId);
  }

  Optional<JsonNode> find(String taskId) {
    List<String> rows = jdbc.queryForList(
        "SELECT output FROM baton_reply_journal WHERE task_id = ?", String.class, taskId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(JsonValues.toJson(rows.get(0)));
  }
}
