package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.JdbcTemplate;

/** Waits for a stopped run's calls that were still in flight to settle their reservations. */
final class HeldReservations {

  private HeldReservations() {}

  static void awaitNone(JdbcTemplate jdbc, String run) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (jdbc.queryForObject("SELECT COUNT(*) FROM baton_budget_reservation "
        + "WHERE run_id = ? AND status = 'held'", Integer.class, run) > 0) {
      assertThat(System.currentTimeMillis()).as("reservations of %s settle", run)
          .isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
