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
 */
final class PgActivity {

  record Snapshot(long commits, long rollbacks, Map<String, Long> writesByTable) {
    long writes() {
      return writesByTable.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final JdbcTemplate jdbc;

  PgActivity(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
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
    return new Snapshot(((Number) db.get("xact_commit")).longValue(),
        ((Number) db.get("xact_rollback")).longValue(), writes);
  }

  /** Rows written per table between two snapshots, per task, largest first. */
  static Map<String, Double> writesPerTask(Snapshot before, Snapshot after, int tasks) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.writesByTable().entrySet().stream()
        .map(e -> Map.entry(e.getKey(),
            (e.getValue() - before.writesByTable().getOrDefault(e.getKey(), 0L))
                / (double) tasks))
        .filter(e -> e.getValue() > 0.01)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
