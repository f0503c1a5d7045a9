package dev.baton.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
    scopes.forEach(this::ensureAccount);
    String id = UUID.randomUUID().toString();
    List<Scope> ordered = scopes.stream()
        .sorted((a, b) -> a.key().compareTo(b.key())).toList(); // one lock order: no deadlock
    return transaction.execute(status -> {
      for (Scope scope : ordered) {
        int updated = jdbc.update("UPDATE baton_budget_account "
                + "SET committed_usd = committed_usd + ? "
                + "WHERE scope_key = ? AND committed_usd + ? <= limit_usd",
            amount, scope.key(), amount);
        if (updated == 0) {
          status.setRollbackOnly();
          BigDecimal committed = jdbc.queryForObject(
              "SELECT committed_usd FROM baton_budget_account WHERE scope_key = ?",
              BigDecimal.class, scope.key());
          throw new BudgetExceededException(String.format(
              "budget exceeded: %s has $%s of $%s committed, next task would need up to $%s",
              scope.label(), money(committed), money(scope.limitUsd()), money(amount)));
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
   * Creates the scope's account when missing (starting from what the ledger already holds for
   * its period), and follows a changed limit.
   */
  private void ensureAccount(Scope scope) {
    try {
      separate.executeWithoutResult(status -> {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM baton_budget_account WHERE scope_key = ?",
            Integer.class, scope.key()) == 0) {
          BigDecimal start = scope.window() == null ? BigDecimal.ZERO
              : scope.window().spent(spend);
          jdbc.update("INSERT INTO baton_budget_account (scope_key, limit_usd, committed_usd) "
              + "VALUES (?, ?, ?)", scope.key(), scope.limitUsd(), start);
        } else {
          jdbc.update("UPDATE baton_budget_account SET limit_usd = ? "
              + "WHERE scope_key = ? AND limit_usd <> ?", scope.limitUsd(), scope.key(),
              scope.limitUsd());
        }
      });
    } catch (DuplicateKeyException e) {
      // another worker created it at the same moment: fine
    }
  }

  private static String money(BigDecimal usd) {
    return usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
