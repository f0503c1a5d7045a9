package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.budget.BudgetReservations;
import dev.baton.budget.CallBudget;
import dev.baton.budget.RunBudgets;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A worker that dies mid-call leaves its reservation held. When the task is worked again (its
 * lock expired), the earlier attempt's hold is released, so a crashed worker does not shrink the
 * run's budget for good; a late settlement of the released hold gives nothing back twice.
 */
class ReservationRecoveryIT extends IntegrationTest {

  @Autowired
  BudgetReservations reservations;

  @Autowired
  CallBudget budget;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  RunBudgets runBudgets;

  @Test
  void aTaskWorkedAgainReleasesWhatItsEarlierAttemptHeld() {
    String run = "recovery-" + UUID.randomUUID();
    String task = "task-" + UUID.randomUUID();
    BigDecimal limit = new BigDecimal("1.00");
    // the first attempt: its worker dies before settling
    BudgetReservations.Reservation lost = reservations.reserve(run, "n", task,
        new BigDecimal("0.40"), List.of(new BudgetReservations.Scope("run:" + run,
            "the run's budget", limit, null)));
    assertThat(reservations.committed("run:" + run)).isEqualByComparingTo("0.40");

    runBudgets.initialise(run, "recovery", "default", limit);
    BudgetReservations.Reservation again = budget.reserve(run, "recovery", "n", task,
        "baton-simulated", 300, 100);

    assertThat(reservations.committed("run:" + run)).isEqualByComparingTo(again.amountUsd());
    assertThat(jdbc.queryForObject("SELECT status FROM baton_budget_reservation WHERE id = ?",
        String.class, lost.id())).isEqualTo("released");
    // the first worker was only slow after all: its settlement changes nothing any more
    reservations.settle(lost, new BigDecimal("0.10"));
    assertThat(reservations.committed("run:" + run)).isEqualByComparingTo(again.amountUsd());
    budget.settle(again, new BigDecimal("0.0001"));
    assertThat(reservations.committed("run:" + run)).isEqualByComparingTo("0.0001");
  }
}
