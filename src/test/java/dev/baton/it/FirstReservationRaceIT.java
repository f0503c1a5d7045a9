package dev.baton.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.budget.BudgetReservations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first calls of a run race to create its budget account: a call that finds no account,
 * and then finds the one another call just created, reserves against it instead of being
 * refused. (Seen once on PostgreSQL: three parallel branches, one refused with "$0.0000 of
 * $0.0012 committed".)
 */
class FirstReservationRaceIT extends IntegrationTest {

  private static final int CALLS = 16;

  @Autowired
  BudgetReservations reservations;

  @RepeatedTest(3)
  void concurrentFirstReservationsOfARunAllFit() throws Exception {
    String run = "race-" + UUID.randomUUID();
    BigDecimal amount = new BigDecimal("0.01");
    List<BudgetReservations.Scope> scopes = List.of(new BudgetReservations.Scope("run:" + run,
        "the run's budget", new BigDecimal("1.00"), null));
    ExecutorService pool = Executors.newFixedThreadPool(CALLS);
    try {
      List<Callable<BudgetReservations.Reservation>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        String task = run + "-" + i;
        calls.add(() -> reservations.reserve(run, "n", task, amount, scopes));
      }
      for (Future<BudgetReservations.Reservation> f : pool.invokeAll(calls)) {
        assertThat(f.get().amountUsd()).isEqualByComparingTo(amount);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(reservations.committed("run:" + run))
        .isEqualByComparingTo(amount.multiply(BigDecimal.valueOf(CALLS)));
  }
}
