package dev.baton.prompt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored templates (Flyway V14): every read of "the latest" goes to the database, so engine
 * nodes and workers sharing it agree; a given version is cached, since it never changes.
 * Writing a version is one insert whose primary key (name, version) settles a race between two
 * nodes: the loser counts again or, when it only meant to add after a version it had seen,
 * gives up.
 */
@Component
public class PromptStore {

  public static final String SOURCE_FILE = "file";
  public static final String SOURCE_API = "api";

  /** Versions are immutable, so a cached one is never stale; the bound only caps memory. */
  private static final int CACHE_LIMIT = 10_000;
  private static final int ATTEMPTS = 5;

  private final JdbcTemplate jdbc;
  private final Map<String, PromptVersion> cache = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  PromptStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<PromptSummary> list() {
    return jdbc.query("SELECT p.name, p.tenant_id, v.version, v.source, v.created_at "
        + "FROM baton_prompt p JOIN baton_prompt_version v ON v.name = p.name "
        + "WHERE v.version = (SELECT MAX(x.version) FROM baton_prompt_version x "
        + "WHERE x.name = p.name) ORDER BY p.name", (rs, i) -> summary(rs));
  }

  public Optional<PromptSummary> summary(String name) {
    return jdbc.query("SELECT p.name, p.tenant_id, v.version, v.source, v.created_at "
        + "FROM baton_prompt p JOIN baton_prompt_version v ON v.name = p.name "
        + "WHERE p.name = ? ORDER BY v.version DESC FETCH FIRST 1 ROWS ONLY",
        (rs, i) -> summary(rs), name).stream().findFirst();
  }

  public Optional<PromptVersion> latest(String name) {
    return jdbc.query("SELECT name, version, body, source, created_by, created_at "
            + "FROM baton_prompt_version WHERE name = ? "
            + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
        (rs, i) -> version(rs), name).stream().findFirst().map(this::remember);
  }

  /** One version, from the cache once it has been read. */
  public Optional<PromptVersion> version(String name, int version) {
    PromptVersion cached = cache.get(key(name, version));
    if (cached != null) {
      return Optional.of(cached);
    }
    return jdbc.query("SELECT name, version, body, source, created_by, created_at "
            + "FROM baton_prompt_version WHERE name = ? AND version = ?",
        (rs, i) -> version(rs), name, version).stream().findFirst().map(this::remember);
  }

  /** Every version of a template, newest first. */
  public List<PromptVersion> versions(String name) {
    return jdbc.query("SELECT name, version, body, source, created_by, created_at "
            + "FROM baton_prompt_version WHERE name = ? ORDER BY version DESC",
        (rs, i) -> version(rs), name);
  }

  /**
   * Writes the next version of a template, creating the template (owned by {@code tenantId})
   * when it is new. Nothing is written to a template another owner has (another tenant created
   * the same name a moment earlier).
   *
   * @param after add only if this is still the latest version (0: only if the template has no
   *     version yet); null adds after whatever is latest
   * @return the version written; empty when {@code after} was no longer the latest, or the
   *     template belongs to another owner
   * @throws IllegalStateException when other writers kept winning the race
   */
  public Optional<PromptVersion> add(String name, String tenantId, String text, String source,
      String user, Integer after) {
    Timestamp now = Timestamp.from(clock.instant());
    try {
      jdbc.update("INSERT INTO baton_prompt (name, tenant_id, created_at) VALUES (?, ?, ?)",
          name, tenantId, now);
    } catch (DuplicateKeyException e) {
      // it exists: a version is added to it, if it is the owner's the caller meant
    }
    String owner = jdbc.queryForObject("SELECT tenant_id FROM baton_prompt WHERE name = ?",
        String.class, name);
    if (!java.util.Objects.equals(owner, tenantId)) {
      return Optional.empty();
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Integer max = jdbc.queryForObject(
          "SELECT MAX(version) FROM baton_prompt_version WHERE name = ?", Integer.class, name);
      int latest = max == null ? 0 : max;
      if (after != null && latest != after) {
        return Optional.empty();
      }
      try {
        jdbc.update("INSERT INTO baton_prompt_version (name, version, body, source, "
                + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            name, latest + 1, text, source, user, now);
        return Optional.of(remember(new PromptVersion(name, latest + 1, text, source, user,
            now.toInstant())));
      } catch (DuplicateKeyException e) {
        if (after != null) {
          return Optional.empty();
        }
      }
    }
    throw new IllegalStateException("prompt '" + name + "' changed " + ATTEMPTS
        + " times while a version was being added");
  }

  private PromptVersion remember(PromptVersion version) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.putIfAbsent(key(version.name(), version.version()), version);
    return version;
  }

  private static String key(String name, int version) {
    return name + "@" + version;
  }

  private static PromptSummary summary(ResultSet rs) throws SQLException {
    return new PromptSummary(rs.getString("name"), rs.getString("tenant_id"),
        rs.getInt("version"), rs.getString("source"),
        rs.getTimestamp("created_at").toInstant());
  }

  private static PromptVersion version(ResultSet rs) throws SQLException {
    return new PromptVersion(rs.getString("name"), rs.getInt("version"), rs.getString("body"),
        rs.getString("source"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
