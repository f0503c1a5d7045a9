package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.contract.JsonValues;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a run's recording from the reply journal: every agent task execution whose model
 * call finished, oldest first (a node of a loop has one entry per round). What replay works
 * from ({@code dev.baton.replay}); it never writes.
 */
@Component
public class RecordedReplies {

  /**
   * One recorded execution of a node.
   *
   * @param output the node's output as journalled (redacted unless keep-original)
   * @param prompt the rendered prompt as journalled, null for entries written before V16
   * @param completedAt when the task completed; null while it has not (or the mark was lost)
   */
  public record Reply(String taskId, String nodeId, JsonNode output, String prompt,
      Instant recordedAt, Instant completedAt) {}

  private final JdbcTemplate jdbc;

  RecordedReplies(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Reply> ofRun(String runId) {
    return jdbc.query("SELECT task_id, node_id, output, prompt, recorded_at, completed_at "
            + "FROM baton_reply_journal WHERE run_id = ? ORDER BY recorded_at, task_id",
        (rs, i) -> new Reply(rs.getString(1), rs.getString(2),
            JsonValues.toJson(rs.getString(3)), rs.getString(4),
            rs.getTimestamp(5).toInstant(),
            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()),
        runId);
  }
}
