package dev.baton.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.it.ApiClient;
import dev.baton.it.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reply journal lives as long as its run's history: entries of a run whose history was
 * removed are deleted, those of runs still in history kept; a second pass deletes nothing.
 */
class JournalRetentionIT extends IntegrationTest {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  HistoryService history;

  private long entries(String run) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM baton_reply_journal WHERE run_id = ?",
        Long.class, run);
  }

  @Test
  void entriesOfRunsWhoseHistoryIsGoneAreDeletedIdempotently() {
    ApiClient api = api("alice", "alice");
    String kept = api.startRun("diamond", Map.of());
    String removed = api.startRun("diamond", Map.of());
    api.awaitEnd(kept);
    api.awaitEnd(removed);
    assertThat(entries(removed)).isEqualTo(5);
    history.deleteHistoricProcessInstance(removed);

    // an hour later (the grace period): the journal follows the history
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
    JournalRetention retention = new JournalRetention(jdbc, history, Duration.ofHours(1), later);
    assertThat(retention.removeOrphans()).isGreaterThanOrEqualTo(5);
    assertThat(entries(removed)).isZero();
    assertThat(entries(kept)).isEqualTo(5);
    assertThat(retention.removeOrphans()).isZero();

    // within the grace period nothing is considered
    String fresh = api.startRun("diamond", Map.of());
    api.awaitEnd(fresh);
    history.deleteHistoricProcessInstance(fresh);
    assertThat(new JournalRetention(jdbc, history, Duration.ofHours(1), Clock.systemUTC())
        .removeOrphans()).isZero();
    assertThat(entries(fresh)).isEqualTo(5);
  }
}
