package dev.baton.budget;

import dev.baton.BatonProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which limits apply to a run: its own budget (the budget in force in {@code
 * baton_run_budget}, set when it started; for a run that has none, its workflow budget's {@code
 * per_run_usd}, else the configured default), the workflow's and the tenant's daily and
 * monthly limits, hard or soft cap and alert threshold. The decision table, the reservations,
 * overrides, the cost report and the approval review all read them from here, so they cannot
 * disagree, and none reads a process variable a caller could have written.
 */
@Component
public class BudgetLimits implements LimitsSource {

  /** The limits of one run at one moment. Null limits are no limits. */
  public record Limits(
      BigDecimal runBudget,
      BigDecimal workflowDaily,
      BigDecimal workflowMonthly,
      BigDecimal tenantDaily,
      BigDecimal tenantMonthly,
      boolean hardCap,
      int alertThresholdPercent) {}

  /**
   * The columns of a {@code baton_budget} row that limits read; the run's own row ({@code
   * run}) carries its budget in {@code perRunUsd}.
   */
  private record Row(boolean run, String workflowId, BigDecimal dailyUsd, BigDecimal monthlyUsd,
      BigDecimal perRunUsd, boolean hardCap, int alertThresholdPercent) {}

  private final JdbcTemplate jdbc;
  private final BatonProperties.Budget defaults;
  private final String tenantId;

  public BudgetLimits(JdbcTemplate jdbc, BatonProperties properties) {
    this.jdbc = jdbc;
    this.defaults = properties.budget();
    this.tenantId = properties.tenantId();
  }

  public String tenantId() {
    return tenantId;
  }

  /** @param runId the run, whose budget in force is read with the budgets in one query */
  @Override
  public Limits of(String runId, String workflowId) {
    // read before every agent task, by the decision and by the reservation: one plain query,
    // each part by its primary key or a unique index
    List<Row> rows = jdbc.query("SELECT 0, workflow_id, daily_usd, monthly_usd, per_run_usd, "
            + "hard_cap, alert_threshold_percent FROM baton_budget "
            + "WHERE workflow_id = ? OR tenant_id = ? "
            + "UNION ALL SELECT 1, CAST(NULL AS VARCHAR(64)), CAST(NULL AS NUMERIC(18, 4)), "
            + "CAST(NULL AS NUMERIC(18, 4)), budget_usd, TRUE, 0 FROM baton_run_budget "
            + "WHERE run_id = ?",
        (rs, n) -> new Row(rs.getInt(1) == 1, rs.getString(2), rs.getBigDecimal(3),
            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBoolean(6), rs.getInt(7)),
        workflowId, tenantId, runId);
    Optional<Row> workflow = rows.stream().filter(r -> !r.run() && workflowId != null
        && workflowId.equals(r.workflowId())).findFirst();
    Optional<Row> tenant = rows.stream().filter(r -> !r.run() && r.workflowId() == null)
        .findFirst();
    // a run Baton's start listener never saw (hand-written BPMN, or a run from before V9)
    // gets what its start listener would have given it without a spec budget
    BigDecimal run = rows.stream().filter(Row::run).findFirst().map(Row::perRunUsd)
        .orElseGet(() -> workflow.map(Row::perRunUsd).orElse(defaults.defaultPerRunUsd()));
    boolean hard = defaults.hardCap()
        && workflow.map(Row::hardCap).orElse(true)
        && tenant.map(Row::hardCap).orElse(true);
    int threshold = workflow.map(Row::alertThresholdPercent)
        .or(() -> tenant.map(Row::alertThresholdPercent))
        .orElse(defaults.alertThresholdPercent());
    return new Limits(run == null ? defaults.defaultPerRunUsd() : run,
        workflow.map(Row::dailyUsd).orElse(null),
        workflow.map(Row::monthlyUsd).orElse(null),
        tenant.map(Row::dailyUsd).orElse(null),
        tenant.map(Row::monthlyUsd).orElse(null),
        hard, threshold);
  }

  /** The accounts a call must fit into: the run, and each workflow/tenant limit per period. */
  public List<BudgetReservations.Scope> scopes(String runId, String workflowId, Limits limits) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String day = today.toString();
    String month = today.toString().substring(0, 7);
    List<BudgetReservations.Scope> scopes = new ArrayList<>();
    scopes.add(new BudgetReservations.Scope("run:" + runId, "the run's budget",
        limits.runBudget(), null));
    add(scopes, "workflow:" + workflowId + ":day:" + day, "workflow '" + workflowId
        + "' today", limits.workflowDaily(), new SpendWindow(SpendWindow.Kind.WORKFLOW_DAY,
        workflowId));
    add(scopes, "workflow:" + workflowId + ":month:" + month, "workflow '" + workflowId
        + "' this month", limits.workflowMonthly(),
        new SpendWindow(SpendWindow.Kind.WORKFLOW_MONTH, workflowId));
    add(scopes, "tenant:" + tenantId + ":day:" + day, "tenant '" + tenantId + "' today",
        limits.tenantDaily(), new SpendWindow(SpendWindow.Kind.TENANT_DAY, tenantId));
    add(scopes, "tenant:" + tenantId + ":month:" + month, "tenant '" + tenantId
        + "' this month", limits.tenantMonthly(),
        new SpendWindow(SpendWindow.Kind.TENANT_MONTH, tenantId));
    return scopes;
  }

  private static void add(List<BudgetReservations.Scope> scopes, String key, String label,
      BigDecimal limit, SpendWindow window) {
    if (limit != null) {
      scopes.add(new BudgetReservations.Scope(key, label, limit, window));
    }
  }

  /** What a new account starts from: the spend already in the ledger for its period. */
  public record SpendWindow(Kind kind, String id) {
    public enum Kind { WORKFLOW_DAY, WORKFLOW_MONTH, TENANT_DAY, TENANT_MONTH }

    BigDecimal spent(SpendReader spend) {
      return switch (kind) {
        case WORKFLOW_DAY -> spend.workflowToday(id);
        case WORKFLOW_MONTH -> spend.workflowThisMonth(id);
        case TENANT_DAY -> spend.tenantToday(id);
        case TENANT_MONTH -> spend.tenantThisMonth(id);
      };
    }
  }
}
