package dev.baton.system;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes this process's row of {@code baton_node} at start and every
 * {@code baton.system.heartbeat} (15 s): its id ({@code baton.node-id}, else host and process
 * id), its role and when it was last alive. One row per process, written only by it.
 */
@Component
class NodeHeartbeat {

  static final java.time.Duration FORGET_AFTER = java.time.Duration.ofDays(1);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final String nodeId;
  private final String role;
  private final Instant startedAt;

  NodeHeartbeat(JdbcTemplate jdbc, @Value("${baton.node-id:}") String nodeId,
      @Value("${baton.role:all}") String role) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
    this.nodeId = nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
    this.role = role;
    this.startedAt = clock.instant();
  }

  String nodeId() {
    return nodeId;
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${baton.system.heartbeat:15s}")
  void beat() {
    Timestamp now = Timestamp.from(clock.instant());
    int updated = jdbc.update("UPDATE baton_node SET role = ?, last_seen = ? WHERE node_id = ?",
        role, now, nodeId);
    if (updated == 0) {
      try {
        jdbc.update("INSERT INTO baton_node (node_id, role, started_at, last_seen) "
            + "VALUES (?, ?, ?, ?)", nodeId, role, Timestamp.from(startedAt), now);
      } catch (DuplicateKeyException e) {
        // a process of the same id (restarted under the same BATON_NODE_ID) wrote it first
        jdbc.update("UPDATE baton_node SET last_seen = ? WHERE node_id = ?", now, nodeId);
      }
      // a process starts under a new id each time unless it has a BATON_NODE_ID: forget old ones
      jdbc.update("DELETE FROM baton_node WHERE last_seen < ?",
          Timestamp.from(clock.instant().minus(FORGET_AFTER)));
    }
  }
}
