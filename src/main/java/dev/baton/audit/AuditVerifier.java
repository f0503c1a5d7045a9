package dev.baton.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the chain from the first entry to the head and reports the first broken link: a
 * missing entry (its number is skipped), an entry whose fields no longer give its hash (it was
 * altered), an entry that does not name the hash of the one before (the one before, or the
 * link, was changed), or a head that names an entry the log no longer ends with (entries at the
 * end were deleted). Reads a page of entries at a time.
 */
@Component
public class AuditVerifier {

  /** Where the chain first breaks. */
  public record Break(long seq, String problem, String expected, String found) {}

  /**
   * @param intact whether every link holds
   * @param entries how many entries were checked (up to the break)
   * @param headSeq the number of the last entry, as the head records it
   * @param headHash the hash of the last entry, as the head records it: keep it outside the
   *     database to detect a rewrite of the whole chain
   * @param firstBreak null when intact
   */
  public record Verification(boolean intact, long entries, long headSeq, String headHash,
      Break firstBreak) {}

  private record Row(long seq, Instant occurredAt, String action, String actor, String tenantId,
      String resourceType, String resourceId, String runId, String details, String prevHash,
      String hash) {}

  private static final int PAGE = 1000;

  private final JdbcTemplate jdbc;

  AuditVerifier(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Verification verify() {
    Object[] head = jdbc.queryForObject("SELECT seq, hash FROM baton_audit_head WHERE id = 1",
        (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2).trim()});
    long headSeq = (Long) head[0];
    String headHash = (String) head[1];
    long expectedSeq = 1;
    String prev = AuditHash.GENESIS;
    long checked = 0;
    while (true) {
      List<Row> rows = jdbc.query("SELECT " + AuditReader.COLUMNS + " FROM baton_audit_log "
          + "WHERE seq >= ? ORDER BY seq LIMIT ?", (rs, n) -> new Row(
              rs.getLong("seq"),
              rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
              rs.getString("action"), rs.getString("actor"), rs.getString("tenant_id"),
              rs.getString("resource_type"), rs.getString("resource_id"),
              rs.getString("run_id"), rs.getString("details"),
              AuditReader.trim(rs, "prev_hash"), AuditReader.trim(rs, "hash")),
          expectedSeq, PAGE);
      for (Row row : rows) {
        Break broken = check(row, expectedSeq, prev);
        if (broken != null) {
          return new Verification(false, checked, headSeq, headHash, broken);
        }
        checked++;
        expectedSeq = row.seq() + 1;
        prev = row.hash();
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    if (checked != headSeq || !prev.equals(headHash)) {
      return new Verification(false, checked, headSeq, headHash, new Break(checked + 1,
          "the log ends at entry " + checked + " but its head names entry " + headSeq
              + ": entries at the end were deleted, or the head was changed",
          "entry " + headSeq + " with hash " + headHash,
          "entry " + checked + " with hash " + prev));
    }
    return new Verification(true, checked, headSeq, headHash, null);
  }

  private static Break check(Row row, long expectedSeq, String prev) {
    if (row.seq() != expectedSeq) {
      return new Break(expectedSeq, "entry " + expectedSeq + " is missing: the log goes on "
          + "at entry " + row.seq(), "entry " + expectedSeq, "entry " + row.seq());
    }
    if (!prev.equals(row.prevHash())) {
      return new Break(row.seq(), "entry " + row.seq() + " does not link to the entry before "
          + "it: entry " + (row.seq() - 1) + " or this link was changed", prev, row.prevHash());
    }
    String recomputed = AuditHash.of(row.seq(), row.occurredAt(), row.action(), row.actor(),
        row.tenantId(), row.resourceType(), row.resourceId(), row.runId(), row.details(),
        row.prevHash());
    if (!recomputed.equals(row.hash())) {
      return new Break(row.seq(), "entry " + row.seq() + " was altered: its fields no longer "
          + "give its hash", recomputed, row.hash());
    }
    return null;
  }
}
