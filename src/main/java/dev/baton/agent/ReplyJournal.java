package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.run.JsonValues;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(ReplyJournal.class);

  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  ReplyJournal(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The journalled output of this task, or else the output {@code call} produces, journalled
   * before it is returned.
   */
  JsonNode replayOrRecord(LockedExternalTask task, String nodeId, Supplier<JsonNode> call) {
    Optional<JsonNode> journalled = find(task.getId());
    if (journalled.isPresent()) {
      log.info("Agent task {} of node {} was answered before: completing it from the reply "
          + "journal, without calling the model again", task.getId(), nodeId);
      return journalled.get();
    }
    JsonNode output = call.get();
    try {
      jdbc.update("INSERT INTO baton_reply_journal (task_id, run_id, node_id, output, "
              + "recorded_at) VALUES (?, ?, ?, ?, ?)",
          task.getId(), task.getProcessInstanceId(), nodeId, output.toString(),
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException e) {
      // another worker answered the same task meanwhile (its lock had expired): keep the first
      log.warn("Agent task {} of node {} was answered twice (a lock expired during the call); "
          + "the first journalled reply stands", task.getId(), nodeId);
      return find(task.getId()).orElse(output);
    }
    return output;
  }

  /**
   * Drops a completed task's entry: a completed external task is gone and cannot come back, and
   * its output lives on in the engine's history (its cost in the ledger). An entry left behind
   * by a crash between the two steps is harmless.
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
