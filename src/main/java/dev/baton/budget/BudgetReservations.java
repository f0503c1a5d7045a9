package dev.baton.budget;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserves the most a model call can cost against every limited scope before the call, and
 * settles it to the real cost after. A reservation is a conditional {@code UPDATE ... WHERE
 * committed + amount <= limit} per account in one transaction: the database's row lock, not
 * this JVM, decides between concurrent calls, so the cap holds across threads, workers and
 * engine nodes. A reservation whose call never settles (a crashed worker) stays held: the cap
 * errs on the side of not spending.
 */
@Component
public class BudgetReservations {

  /**
   * A limited scope: {@code run:<id>}, or a workflow's or tenant's day or month.
   *
   * @param window where a new account's committed spend starts from (null: from zero)
   */
  public record Scope(String key, String label, BigDecimal limitUsd,
      BudgetLimits.SpendWindow window) {}

  /** A granted reservation. */
  public record Reservation(String id, BigDecimal amountUsd, List<String> scopeKeys) {}

  private final JdbcTemplate jdbc;
  private final SpendReader spend;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separate;

  BudgetReservations(JdbcTemplate jdbc, SpendReader spend,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.spend = spend;
    this.transaction = new TransactionTemplate(transactions);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * @throws BudgetExceededException naming the scope and the numbers when the amount does not
   *     fit every scope
   */
  public Reservation reserve(String runId, String nodeId, String taskId, BigDecimal amount,
      List<Scope> scopes) {
    List<Scope> ordered = scopes.stream()
        .sorted((a, b) -> a.key().compareTo(b.key())).toList(); // one lock order: no deadlock
    // the hot path is one transaction; a scope seen for the first time gets its account
    // created (in its own transaction) and the reservation is tried again
    for (int attempt = 0; ; attempt++) {
      try {
        return tryReserve(runId, nodeId, taskId, amount, ordered);
      } catch (TryAgain again) {
        if (attempt > ordered.size() + 3) {
          throw new IllegalStateException("budget account " + again.scope.key()
              + " could not be reserved against");
        }
        if (again.missing) {
          createAccount(again.scope);
        }
      }
    }
  }

  private Reservation tryReserve(String runId, String nodeId, String taskId, BigDecimal amount,
      List<Scope> ordered) {
    String id = UUID.randomUUID().toString();
    return transaction.execute(status -> {
      for (Scope scope : ordered) {
        // the limit in force now decides (a raised or lowered budget applies at once); the
        // account keeps it for operators to read
        int updated = jdbc.update("UPDATE baton_budget_account "
                + "SET committed_usd = committed_usd + ?, limit_usd = ? "
                + "WHERE scope_key = ? AND committed_usd + ? <= ?",
            amount, scope.limitUsd(), scope.key(), amount, scope.limitUsd());
        if (updated == 0) {
          status.setRollbackOnly();
          List<BigDecimal> committed = jdbc.queryForList(
              "SELECT committed_usd FROM baton_budget_account WHERE scope_key = ?",
              BigDecimal.class, scope.key());
          if (committed.isEmpty()) {
            throw new TryAgain(scope, true);
          }
          if (committed.get(0).add(amount).compareTo(scope.limitUsd()) <= 0) {
            // the account was created between the update and this read (another worker's
            // first call of the run): it fits now
            throw new TryAgain(scope, false);
          }
          throw new BudgetExceededException(String.format(
              "budget exceeded: %s has $%s of $%s committed, next task would need up to $%s",
              scope.label(), money(committed.get(0)), money(scope.limitUsd()), money(amount)));
        }
      }
      jdbc.update("INSERT INTO baton_budget_reservation "
              + "(id, run_id, node_id, task_id, scope_keys, amount_usd, status, created_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, 'held', ?)",
          id, runId, nodeId, taskId,
          String.join(",", ordered.stream().map(Scope::key).toList()), amount,
          Timestamp.from(Instant.now()));
      return new Reservation(id, amount, ordered.stream().map(Scope::key).toList());
    });
  }

  /**
   * The reservation is tried again: a scope has no account yet (it is created first), or its
   * account appeared meanwhile.
   */
  private static final class TryAgain extends RuntimeException {
    private final transient Scope scope;
    private final boolean missing;

    TryAgain(Scope scope, boolean missing) {
      super(null, null, false, false);
      this.scope = scope;
      this.missing = missing;
    }
  }

  /**
   * Releases what earlier attempts of a task still hold: their worker died or lost its lock
   * before settling, and the task is being worked again. (An earlier worker that was only slow
   * and settles later finds its reservation released and gives back nothing twice.)
   *
   * @return how many reservations were released
   */
  public int releaseEarlierAttempts(String taskId) {
    List<Reservation> held = jdbc.query("SELECT id, amount_usd, scope_keys FROM "
            + "baton_budget_reservation WHERE status = 'held' "
            + "AND (task_id = ? OR task_id LIKE ?)",
        (rs, row) -> new Reservation(rs.getString(1), rs.getBigDecimal(2),
            List.of(rs.getString(3).split(","))), taskId, taskId + "#%");
    held.forEach(this::release);
    return held.size();
  }

  /** The call cost {@code actual}: the difference goes back to every account. */
  public void settle(Reservation reservation, BigDecimal actual) {
    finish(reservation, reservation.amountUsd().subtract(actual), "settled");
  }

  /** The call did not happen or was not paid: the whole amount goes back. */
  public void release(Reservation reservation) {
    finish(reservation, reservation.amountUsd(), "released");
  }

  private void finish(Reservation reservation, BigDecimal giveBack, String outcome) {
    transaction.executeWithoutResult(status -> {
      int changed = jdbc.update("UPDATE baton_budget_reservation SET status = ? "
          + "WHERE id = ? AND status = 'held'", outcome, reservation.id());
      if (changed == 0) {
        return; // already finished: never give back twice
      }
      for (String key : reservation.scopeKeys()) {
        jdbc.update("UPDATE baton_budget_account SET committed_usd = committed_usd - ? "
            + "WHERE scope_key = ?", giveBack, key);
      }
    });
  }

  /** Committed (settled plus held) on a scope, or zero when it has no account yet. */
  public BigDecimal committed(String scopeKey) {
    List<BigDecimal> rows = jdbc.queryForList(
        "SELECT committed_usd FROM baton_budget_account WHERE scope_key = ?", BigDecimal.class,
        scopeKey);
    return rows.isEmpty() ? BigDecimal.ZERO : rows.get(0);
  }

  /**
   * Creates a scope's account, starting from what the ledger already holds for its period.
   * Two workers creating it at the same moment is fine: one insert wins.
   */
  private void createAccount(Scope scope) {
    try {
      separate.executeWithoutResult(status -> {
        BigDecimal start = scope.window() == null ? BigDecimal.ZERO
            : scope.window().spent(spend);
        jdbc.update("INSERT INTO baton_budget_account (scope_key, limit_usd, committed_usd) "
            + "VALUES (?, ?, ?)", scope.key(), scope.limitUsd(), start);
      });
    } catch (DuplicateKeyException e) {
      // another worker created it at the same moment
    }
  }

  // cent amounts hide small budgets ($0.00 of $0.00): four decimals, or two significant digits
  private static String money(BigDecimal usd) {
    return CostEstimate.usd(usd);
  }
}
