package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
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
   * Journals a task's output, in the caller's transaction ({@link AnswerSettlement} writes it
   * with the call's ledger entries and settlement). PII is redacted unless {@code
   * baton.privacy.keep-original} keeps the original here, the one place it may stay.
   *
   * @throws DuplicateKeyException when the task was answered and journalled before
   */
  void record(LockedExternalTask task, String nodeId, JsonNode output) {
    jdbc.update("INSERT INTO baton_reply_journal (task_id, run_id, node_id, output, "
            + "recorded_at) VALUES (?, ?, ?, ?, ?)",
        task.getId(), task.getProcessInstanceId(), nodeId, privacy.journal(output).toString(),
        Timestamp.from(clock.instant()));
  }

  /**
   * Drops a completed task's entry, in the completion's transaction when the engine is in this
   * JVM: a completed external task is gone and cannot come back, and its output lives on in the
   * engine's history (its cost in the ledger). An entry left behind by a crash between the two
   * steps (a remote engine) is harmless.
   */
  void forget(String taskId) {
    jdbc.update("DELETE FROM baton_reply_journal WHERE task_id = ?", taskId);
  }

  Optional<JsonNode> find(String taskId) {
    List<String> rows = jdbc.queryForList(
        "SELECT output FROM baton_reply_journal WHERE task_id = ?", String.class, taskId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(JsonValues.toJson(rows.get(0)));
  }
}
