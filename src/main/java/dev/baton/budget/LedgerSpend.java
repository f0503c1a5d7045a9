package dev.baton.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Spend read from the cost ledger; days and months are UTC. Plain SQL: the run's sum is read
 * before every agent task, where a JPA query's own overhead showed up in the profile.
 */
@Component
class LedgerSpend implements SpendReader {

  private final JdbcTemplate jdbc;
  private final RunTree tree;

  LedgerSpend(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.tree = new RunTree(jdbc);
  }

  @Override
  public BigDecimal run(String runId) {
    return sum("run_id = ?", runId);
  }

  @Override
  public BigDecimal runWithDescendants(String runId) {
    return tree.spentWithDescendants(runId);
  }

  @Override
  public BigDecimal workflowToday(String workflowId) {
    return sum("workflow_id = ? AND recorded_at >= ?", workflowId, utc(today()));
  }

  @Override
  public BigDecimal workflowThisMonth(String workflowId) {
    return sum("workflow_id = ? AND recorded_at >= ?", workflowId, utc(thisMonth()));
  }

  @Override
  public BigDecimal tenantToday(String tenantId) {
    return sum("tenant_id = ? AND recorded_at >= ?", tenantId, utc(today()));
  }

  @Override
  public BigDecimal tenantThisMonth(String tenantId) {
    return sum("tenant_id = ? AND recorded_at >= ?", tenantId, utc(thisMonth()));
  }

  private BigDecimal sum(String where, Object... arguments) {
    BigDecimal sum = jdbc.queryForObject("SELECT COALESCE(SUM(cost_usd), 0) FROM "
        + "baton_cost_ledger WHERE " + where, BigDecimal.class, arguments);
    return sum == null ? BigDecimal.ZERO : sum;
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant today() {
    return LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static Instant thisMonth() {
    return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }
}
