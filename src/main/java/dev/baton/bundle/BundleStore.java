package dev.baton.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The bundles (Flyway V15). Every read goes to the database, so engine nodes sharing it agree;
 * a decision is one conditional update ({@code WHERE state = 'pending'}), so two operators
 * deciding at once on two nodes cannot both win.
 */
@Component
class BundleStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, tenant_id, name, version, state, sha256, manifest, "
      + "scan_report, test_report, submitted_by, submitted_at, decided_by, decided_at, reason, "
      + "uninstalled_by, uninstalled_at, uninstall_reason";

  private final JdbcTemplate jdbc;

  BundleStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String tenantId, String name, String version, String sha256, JsonNode manifest,
      BundleFiles files, JsonNode scanReport, String submittedBy, Instant at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement s = connection.prepareStatement("INSERT INTO baton_bundle (tenant_id, "
          + "name, version, state, sha256, manifest, files, scan_report, submitted_by, "
          + "submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      s.setString(1, tenantId);
      s.setString(2, name);
      s.setString(3, version);
      s.setString(4, BundleRecord.PENDING);
      s.setString(5, sha256);
      s.setString(6, manifest.toString());
      s.setString(7, write(files.files()));
      s.setString(8, scanReport.toString());
      s.setString(9, submittedBy);
      s.setTimestamp(10, Timestamp.from(at));
      return s;
    }, keys);
    return keys.getKey().longValue();
  }

  List<BundleRecord> list() {
    return jdbc.query("SELECT " + COLUMNS + " FROM baton_bundle ORDER BY id DESC",
        (rs, i) -> record(rs));
  }

  Optional<BundleRecord> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM baton_bundle WHERE id = ?",
        (rs, i) -> record(rs), id).stream().findFirst();
  }

  BundleFiles files(long id) {
    String text = jdbc.queryForObject("SELECT files FROM baton_bundle WHERE id = ?",
        String.class, id);
    try {
      return new BundleFiles(JSON.readValue(text, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bundle " + id + " has unreadable files", e);
    }
  }

  /** @return false when the bundle was no longer pending (someone decided first) */
  boolean decide(long id, String state, String decidedBy, Instant at, String reason) {
    return jdbc.update("UPDATE baton_bundle SET state = ?, decided_by = ?, decided_at = ?, "
        + "reason = ? WHERE id = ? AND state = ?", state, decidedBy, Timestamp.from(at), reason,
        id, BundleRecord.PENDING) == 1;
  }

  /**
   * Marks the versions of a bundle that an approval replaced.
   *
   * @return how many were replaced
   */
  int supersede(String tenantId, String name, long installedId) {
    return jdbc.update("UPDATE baton_bundle SET state = ? WHERE tenant_id = ? AND name = ? "
        + "AND state = ? AND id <> ?", BundleRecord.SUPERSEDED, tenantId, name,
        BundleRecord.INSTALLED, installedId);
  }

  /** @return false when the bundle was no longer installed (uninstalled meanwhile) */
  boolean uninstall(long id, String by, Instant at, String reason) {
    return jdbc.update("UPDATE baton_bundle SET state = ?, uninstalled_by = ?, "
        + "uninstalled_at = ?, uninstall_reason = ? WHERE id = ? AND state = ?",
        BundleRecord.UNINSTALLED, by, Timestamp.from(at), reason, id,
        BundleRecord.INSTALLED) == 1;
  }

  void testReport(long id, JsonNode report) {
    jdbc.update("UPDATE baton_bundle SET test_report = ? WHERE id = ?", report.toString(), id);
  }

  private static BundleRecord record(ResultSet rs) throws SQLException {
    return new BundleRecord(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("name"),
        rs.getString("version"), rs.getString("state"), rs.getString("sha256"),
        read(rs.getString("manifest")), read(rs.getString("scan_report")),
        read(rs.getString("test_report")), rs.getString("submitted_by"),
        instant(rs.getTimestamp("submitted_at")), rs.getString("decided_by"),
        instant(rs.getTimestamp("decided_at")), rs.getString("reason"),
        rs.getString("uninstalled_by"), instant(rs.getTimestamp("uninstalled_at")),
        rs.getString("uninstall_reason"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static JsonNode read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in baton_bundle", e);
    }
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
