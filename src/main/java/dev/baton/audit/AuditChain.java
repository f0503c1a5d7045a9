package dev.baton.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends entries to the chain. The head row is locked first ({@code SELECT ... FOR UPDATE}),
 * so appends from every thread and engine node sharing the database take their turn; the lock
 * is held until the caller's transaction ends. {@link AuditLog} calls this just before that
 * transaction commits, after the engine has written its own rows: a transaction waiting for the
 * head may hold engine rows, but the one holding the head needs nothing further, so the two
 * can never wait for each other.
 */
@Component
class AuditChain {

  /** An entry before it has its place in the chain. */
  record Draft(Instant occurredAt, String action, String actor, String tenantId,
      String resourceType, String resourceId, String runId, String details) {}

  private static final String INSERT = "INSERT INTO baton_audit_log (seq, occurred_at, action, "
      + "actor, tenant_id, resource_type, resource_id, run_id, details, prev_hash, hash) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;

  AuditChain(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the drafts in order; must run inside a transaction (the head stays locked). */
  void write(List<Draft> drafts) {
    if (drafts.isEmpty()) {
      return;
    }
    Object[] head = jdbc.queryForObject(
        "SELECT seq, hash FROM baton_audit_head WHERE id = 1 FOR UPDATE",
        (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)});
    long seq = (Long) head[0];
    String prev = ((String) head[1]).trim();
    List<Object[]> rows = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      seq++;
      Instant at = AuditHash.truncate(d.occurredAt());
      String hash = AuditHash.of(seq, at, d.action(), d.actor(), d.tenantId(), d.resourceType(),
          d.resourceId(), d.runId(), d.details(), prev);
      rows.add(new Object[] {seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), d.action(),
          d.actor(), d.tenantId(), d.resourceType(), d.resourceId(), d.runId(), d.details(),
          prev, hash});
      prev = hash;
    }
    jdbc.batchUpdate(INSERT, rows);
    jdbc.update("UPDATE baton_audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
  }
}
