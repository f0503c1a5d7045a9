package dev.baton.agent;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets the transaction that completes an agent task (and locks the run's next one) commit
 * without waiting for PostgreSQL to flush its write-ahead log: {@code SET LOCAL
 * synchronous_commit = off}, for that transaction only. A durable commit costs one WAL flush
 * (6-10 ms on the benchmark machine, docs/benchmarks.md), and a step of a chain had three.
 *
 * <p>Why nothing is lost: the commit is visible to every engine node at once (only its flush
 * is deferred, by at most three {@code wal_writer_delay}s), so a killed engine or worker node
 * changes nothing. Only a crash of the database server itself can lose it, and then the whole
 * completion is gone atomically, with the journal entry's completed mark: the task's lock expires,
 * it is fetched again and completed from the reply journal, whose entry, the ledger and the
 * settlement were committed durably before this transaction began. No call is made or paid
 * twice. The reservation and the settlement keep durable commits (they hold the hard cap).
 * Off with {@code baton.worker.async-completion-commit=false}; H2 has no such setting.
 */
@Component
class CompletionCommit {

  private static final Logger log = LoggerFactory.getLogger(CompletionCommit.class);

  private final JdbcTemplate jdbc;
  private final boolean relaxed;

  CompletionCommit(JdbcTemplate jdbc, DataSource dataSource,
      @Value("${baton.worker.async-completion-commit:true}") boolean enabled) {
    this.jdbc = jdbc;
    this.relaxed = enabled && postgres(dataSource);
    if (relaxed) {
      log.info("Agent task completions commit without waiting for the WAL flush "
          + "(synchronous_commit=off for that transaction; the reply journal is durable)");
    }
  }

  /** Called first in the completion's transaction: its commit will not wait for the flush. */
  void relax() {
    if (relaxed) {
      jdbc.execute("SET LOCAL synchronous_commit TO OFF");
    }
  }

  boolean relaxed() {
    return relaxed;
  }

  private static boolean postgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      return false;
    }
  }
}
