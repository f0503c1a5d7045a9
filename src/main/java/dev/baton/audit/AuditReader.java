package dev.baton.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Lists audit entries by filter, newest first, a page at a time. */
@Component
public class AuditReader {

  static final String COLUMNS = "seq, occurred_at, action, actor, tenant_id, resource_type, "
      + "resource_id, run_id, details, prev_hash, hash";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  AuditReader(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public AuditPage list(AuditFilter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    criterion(where, args, "action", filter.action());
    criterion(where, args, "actor", filter.actor());
    criterion(where, args, "tenant_id", filter.tenantId());
    if (filter.visibleTenants() != null) {
      // a tenant's entries only; entries of no tenant (identity, authorizations) are admins'
      if (filter.visibleTenants().isEmpty()) {
        where.append(" AND 1 = 0");
      } else {
        where.append(" AND tenant_id IN (").append(String.join(", ", java.util.Collections
            .nCopies(filter.visibleTenants().size(), "?"))).append(")");
        args.addAll(filter.visibleTenants());
      }
    }
    criterion(where, args, "run_id", filter.runId());
    criterion(where, args, "resource_type", filter.resourceType());
    criterion(where, args, "resource_id", filter.resource());
    if (filter.from() != null) {
      where.append(" AND occurred_at >= ?");
      args.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
    }
    if (filter.to() != null) {
      where.append(" AND occurred_at < ?");
      args.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
    }
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM baton_audit_log" + where, Long.class,
        args.toArray());
    List<Object> paged = new ArrayList<>(args);
    paged.add(size);
    paged.add((long) page * size);
    List<AuditEntry> entries = jdbc.query("SELECT " + COLUMNS + " FROM baton_audit_log" + where
        + " ORDER BY seq DESC LIMIT ? OFFSET ?", ENTRY, paged.toArray());
    return new AuditPage(entries, page, size, total == null ? 0 : total);
  }

  private static void criterion(StringBuilder where, List<Object> args, String column,
      String value) {
    if (value != null && !value.isBlank()) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  static final RowMapper<AuditEntry> ENTRY = (rs, n) -> new AuditEntry(
      rs.getLong("seq"),
      rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
      rs.getString("action"),
      rs.getString("actor"),
      rs.getString("tenant_id"),
      rs.getString("resource_type"),
      rs.getString("resource_id"),
      rs.getString("run_id"),
      json(rs.getString("details")),
      trim(rs, "prev_hash"),
      trim(rs, "hash"));

  /** CHAR columns may come back padded. */
  static String trim(ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    return value == null ? null : value.trim();
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // shown as text: a row changed by hand may no longer be JSON, which verify reports
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
