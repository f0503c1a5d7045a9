package dev.baton.it;


import org.springframework.jdbc.core.JdbcTemplate;

/** Waits for a stopped run's calls that were still in flight to settle their reservations. */
final class HeldReservations {

  private HeldReservations() {}

  static void awaitNone(JdbcTemplate jdbc, String run) {
    org.awaitility.Awaitility.await("reservations of " + run + " settle")
        .atMost(java.time.Duration.ofSeconds(30)).pollDelay(java.time.Duration.ZERO)
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM baton_budget_reservation "
            + "WHERE run_id = ? AND status = 'held'", Integer.class, run) == 0);
  }
}
