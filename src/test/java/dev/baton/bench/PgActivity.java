package dev.baton.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database did, from PostgreSQL's cumulative statistics of the benchmark's own
 * database: transactions committed and rolled back, and rows inserted, updated and deleted per
 * table. The difference of two snapshots around a workload, divided by its agent tasks, is the
 * per-task cost in transactions and rows written. PostgreSQL publishes a backend's counts when
 * it goes idle, at most once a second and at the latest after 10 s, so a snapshot waits 11 s.
 *
 * <p>Two more sources where the server has them: {@code pg_stat_wal.wal_sync}, the WAL flushes
 * (one per durable commit that found its WAL not yet flushed; server-wide, so other databases'
 * work counts too), and {@code pg_stat_statements} (only when the server preloads it, which
 * needs a restart: statements executed by kind, and the time the server spent in them).
 */
final class PgActivity {

  record Snapshot(long commits, long rollbacks, Map<String, Long> writesByTable, long walSyncs,
      Map<String, Long> statementsByKind, double statementMs) {
    long writes() {
      return writesByTable.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean hasStatements() {
      return !statementsByKind.isEmpty();
    }
  }

  private final JdbcTemplate jdbc;

  PgActivity(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    try {
      jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    } catch (org.springframework.dao.DataAccessException notInstalled) {
      // the server lacks the contrib package: no statement counts
    }
  }

  Snapshot snapshot() throws InterruptedException {
    Thread.sleep(11_000);
    Map<String, Object> db = jdbc.queryForMap("SELECT xact_commit, xact_rollback FROM "
        + "pg_stat_database WHERE datname = current_database()");
    Map<String, Long> writes = new TreeMap<>();
    jdbc.query("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS w FROM pg_stat_user_tables",
        rs -> {
          writes.put(rs.getString(1).toLowerCase(), rs.getLong(2));
        });
    long walSyncs = jdbc.queryForObject("SELECT wal_sync FROM pg_stat_wal", Long.class);
    Map<String, Long> statements = new TreeMap<>();
    double[] statementMs = {0};
    try {
      jdbc.query("SELECT upper((regexp_split_to_array(btrim(query, E' \\n\\t'), '\\s+'))[1]) AS kind, sum(calls), "
          + "sum(total_exec_time) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM "
          + "pg_database WHERE datname = current_database()) GROUP BY 1", rs -> {
            statements.put(rs.getString(1), rs.getLong(2));
            statementMs[0] += rs.getDouble(3);
          });
    } catch (org.springframework.dao.DataAccessException notLoaded) {
      // pg_stat_statements is not preloaded (or not created) on this server
    }
    return new Snapshot(((Number) db.get("xact_commit")).longValue(),
        ((Number) db.get("xact_rollback")).longValue(), writes, walSyncs, statements,
        statementMs[0]);
  }

  /** Statements executed per task between two snapshots, by their first keyword. */
  static Map<String, Double> statementsPerTask(Snapshot before, Snapshot after, int tasks) {
    return perTask(before.statementsByKind(), after.statementsByKind(), tasks);
  }

  /** Rows written per table between two snapshots, per task, largest first. */
  static Map<String, Double> writesPerTask(Snapshot before, Snapshot after, int tasks) {
    return perTask(before.writesByTable(), after.writesByTable(), tasks);
  }

  /** Two counters' difference per task, largest first, leaving out what barely moved. */
  private static Map<String, Double> perTask(Map<String, Long> before, Map<String, Long> after,
      int tasks) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(),
            (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) tasks))
        .filter(e -> e.getValue() > 0.01)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
