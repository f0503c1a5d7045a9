package dev.baton.replay;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the reply journal no longer than the runs it records: every {@code
 * baton.replay.retention-interval} (1 h) it deletes the entries of runs whose history is gone,
 * removed by Camunda's history cleanup once the workflow's {@code history_time_to_live} (the
 * governance policy's retention) has passed, or deleted by an operator. Only entries older
 * than {@code baton.replay.retention-grace} (1 h) are considered, so a run that is just being
 * started is never mistaken for a removed one. Each pass is an idempotent {@code DELETE} by run
 * id: engine nodes running it at the same time delete the same rows, or nothing.
 */
@Component
class JournalRetention {

  private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);
  private static final int BATCH = 200;

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final Duration grace;
  private final Clock clock;

  @Autowired
  JournalRetention(JdbcTemplate jdbc, HistoryService history,
      @Value("${baton.replay.retention-grace:PT1H}") Duration grace) {
    this(jdbc, history, grace, Clock.systemUTC());
  }

  JournalRetention(JdbcTemplate jdbc, HistoryService history, Duration grace, Clock clock) {
    this.jdbc = jdbc;
    this.history = history;
    this.grace = grace;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "${baton.replay.retention-interval:PT1H}",
      fixedDelayString = "${baton.replay.retention-interval:PT1H}")
  void scheduled() {
    try {
      removeOrphans();
    } catch (RuntimeException e) {
      log.warn("Reply journal retention failed; it runs again later: {}", e.toString());
    }
  }

  /** @return how many entries were deleted */
  int removeOrphans() {
    List<String> runs = jdbc.queryForList("SELECT DISTINCT run_id FROM baton_reply_journal "
        + "WHERE recorded_at < ?", String.class,
        Timestamp.from(clock.instant().minus(grace)));
    int deleted = 0;
    for (int from = 0; from < runs.size(); from += BATCH) {
      List<String> batch = runs.subList(from, Math.min(runs.size(), from + BATCH));
      Set<String> kept = new HashSet<>();
      history.createHistoricProcessInstanceQuery()
          .processInstanceIds(new HashSet<>(batch)).list().stream()
          .map(HistoricProcessInstance::getId).forEach(kept::add);
      for (String run : batch) {
        if (!kept.contains(run)) {
          deleted += jdbc.update("DELETE FROM baton_reply_journal WHERE run_id = ?", run);
        }
      }
    }
    if (deleted > 0) {
      log.info("Deleted {} reply journal entries of runs whose history was removed", deleted);
    }
    return deleted;
  }
}
