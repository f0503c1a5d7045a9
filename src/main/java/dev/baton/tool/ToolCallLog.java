package dev.baton.tool;

import dev.baton.registry.ToolInfo;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code baton_tool_call}: every call an agent asked for, and the per-tool hourly limit counted
 * on it. Admission locks the tool's registry row ({@code SELECT ... FOR UPDATE}), counts the
 * calls let through in the last hour and inserts this one in the same transaction: the database
 * decides between engine nodes, so the limit holds across a cluster (a sliding hour).
 */
@Component
class ToolCallLog {

  /** Outcomes that used the tool (or may have: a started call that never finished). */
  static final String COUNTED = "('started', 'ok', 'error')";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  ToolCallLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this(jdbc, transactions, Clock.systemUTC());
  }

  ToolCallLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** @return the id of the admitted call, or null when the tool's hourly limit is reached */
  Long admit(ToolInfo tool, String operation, ToolContext context) {
    return transaction.execute(status -> {
      Integer limit = tool.rateLimitPerHour();
      if (limit != null) {
        jdbc.queryForList("SELECT id FROM baton_tool WHERE slug = ? FOR UPDATE", Long.class,
            tool.slug());
        Instant now = clock.instant();
        Long used = jdbc.queryForObject("SELECT COUNT(*) FROM baton_tool_call WHERE tool_slug = ? "
                + "AND called_at > ? AND outcome IN " + COUNTED, Long.class, tool.slug(),
            Timestamp.from(now.minus(Duration.ofHours(1))));
        if (used != null && used >= limit) {
          insert(tool.slug(), operation, context, "rate_limited", null,
              "limit of " + limit + " calls per hour reached", null);
          return null;
        }
      }
      return insert(tool.slug(), operation, context, "started", null, null, null);
    });
  }

  void finish(long id, String outcome, Integer status, String detail, long latencyMs) {
    jdbc.update("UPDATE baton_tool_call SET outcome = ?, http_status = ?, detail = ?, "
        + "latency_ms = ? WHERE id = ?", outcome, status, shorten(detail), latencyMs, id);
  }

  /** A call that never went out (refused, not configured, bad arguments). */
  void refused(String tool, String operation, ToolContext context, String outcome,
      String detail) {
    insert(tool, operation, context, outcome, null, detail, null);
  }

  long countSince(String tool, Instant since) {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM baton_tool_call WHERE tool_slug = ? AND "
        + "called_at > ? AND outcome IN " + COUNTED, Long.class, tool, Timestamp.from(since));
    return n == null ? 0 : n;
  }

  private Long insert(String tool, String operation, ToolContext context, String outcome,
      Integer status, String detail, Long latencyMs) {
    KeyHolder key = new GeneratedKeyHolder();
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(connection -> {
      PreparedStatement ps = connection.prepareStatement("INSERT INTO baton_tool_call "
          + "(tool_slug, operation, agent_slug, run_id, node_id, task_id, outcome, http_status, "
          + "detail, latency_ms, called_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"});
      ps.setString(1, shorten(tool, 64));
      ps.setString(2, shorten(operation, 64));
      ps.setString(3, context.agentSlug());
      ps.setString(4, context.runId());
      ps.setString(5, context.nodeId());
      ps.setString(6, context.taskId());
      ps.setString(7, outcome);
      if (status == null) {
        ps.setNull(8, Types.INTEGER);
      } else {
        ps.setInt(8, status);
      }
      ps.setString(9, shorten(detail));
      if (latencyMs == null) {
        ps.setNull(10, Types.BIGINT);
      } else {
        ps.setLong(10, latencyMs);
      }
      ps.setTimestamp(11, now);
      return ps;
    }, key);
    return key.getKey() == null ? null : key.getKey().longValue();
  }

  private static String shorten(String text) {
    return shorten(text, 1000);
  }

  private static String shorten(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
