package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.it.DatabaseAvailable;
import dev.baton.it.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The completion's transaction, and only it, commits without waiting for the WAL flush on
 * PostgreSQL; on H2 (no such setting) nothing is changed.
 */
@ExtendWith(DatabaseAvailable.class)
class CompletionCommitIT {

  private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
      TestDatabase.url(), TestDatabase.user(), TestDatabase.password(), true);
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  private final TransactionTemplate transaction =
      new TransactionTemplate(new DataSourceTransactionManager(dataSource));

  @Test
  void relaxesTheCompletionsTransactionOnlyOnPostgres() {
    CompletionCommit commit = new CompletionCommit(jdbc, dataSource, true);
    assertThat(commit.relaxed()).isEqualTo(TestDatabase.postgres());
    if (!TestDatabase.postgres()) {
      transaction.executeWithoutResult(status -> commit.relax()); // and does nothing on H2
      return;
    }
    String during = transaction.execute(status -> {
      commit.relax();
      return setting();
    });
    assertThat(during).isEqualTo("off");
    // SET LOCAL: the connection's next transaction (the reservation, the settlement) is durable
    String after = transaction.execute(status -> setting());
    assertThat(after).isEqualTo("on");
  }

  @Test
  void staysDurableWhenSwitchedOff() {
    CompletionCommit commit = new CompletionCommit(jdbc, dataSource, false);
    assertThat(commit.relaxed()).isFalse();
    if (TestDatabase.postgres()) {
      String during = transaction.execute(status -> {
        commit.relax();
        return setting();
      });
      assertThat(during).isEqualTo("on");
    }
  }

  private String setting() {
    return jdbc.queryForObject("SHOW synchronous_commit", String.class);
  }
}
