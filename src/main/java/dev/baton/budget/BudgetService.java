package dev.baton.budget;

import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and lists budgets, with what has been spent against them. */
@Service
public class BudgetService {

  /** A budget with its current spend (seed 000's {@code current_day_spent} and month). */
  public record BudgetView(
      Long id, String name, String workflowId, String tenantId, BigDecimal monthlyUsd,
      BigDecimal dailyUsd, BigDecimal perRunUsd, boolean hardCap, int alertThresholdPercent,
      BigDecimal currentDaySpent, BigDecimal currentMonthSpent) {}

  private final BudgetRepository budgets;
  private final SpendReader spend;
  private final Clock clock = Clock.systemUTC();
  private final AuditLog audit;

  BudgetService(BudgetRepository budgets, SpendReader spend, AuditLog audit) {
    this.budgets = budgets;
    this.spend = spend;
    this.audit = audit;
  }

  public List<BudgetView> list() {
    return budgets.findAll().stream().map(this::view).toList();
  }

  public BudgetView get(long id) {
    return view(find(id));
  }

  @Transactional
  public BudgetView create(BudgetSpec spec) {
    check(spec);
    boolean taken = spec.workflowId() != null
        ? budgets.findByWorkflowId(spec.workflowId()).isPresent()
        : budgets.findByTenantId(spec.tenantId()).isPresent();
    if (taken) {
      throw new ConflictException("there is a budget for " + subject(spec) + " already; "
          + "change it with PUT /api/budgets/{id}");
    }
    return audited("budget.created", view(budgets.save(new Budget(spec, clock.instant()))));
  }

  @Transactional
  public BudgetView update(long id, BudgetSpec spec) {
    check(spec);
    Budget budget = find(id);
    // exactly one of the two is set (check): look up only that one (PostgreSQL refuses the
    // NUL character a placeholder for the other would need)
    (spec.workflowId() != null ? budgets.findByWorkflowId(spec.workflowId())
        : budgets.findByTenantId(spec.tenantId()))
        .filter(other -> !other.id().equals(id))
        .ifPresent(other -> {
          throw new ConflictException("budget " + other.id() + " already covers "
              + subject(spec));
        });
    budget.apply(spec, clock.instant());
    return audited("budget.updated", view(budget));
  }

  /** Records the change with the budget's settings as they are now (in this transaction). */
  private BudgetView audited(String action, BudgetView b) {
    var details = JSON.createObjectNode().put("name", b.name()).put("hard_cap", b.hardCap())
        .put("alert_threshold_percent", b.alertThresholdPercent());
    details.put("workflow_id", b.workflowId()).put("tenant_id", b.tenantId());
    details.put("monthly_usd", b.monthlyUsd()).put("daily_usd", b.dailyUsd())
        .put("per_run_usd", b.perRunUsd());
    audit.append(new AuditEvent(action, null, b.tenantId(), "budget", String.valueOf(b.id()),
        null, details));
    return b;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private Budget find(long id) {
    return budgets.findById(id).orElseThrow(() -> new NotFoundException("no budget " + id));
  }

  private static void check(BudgetSpec spec) {
    if (spec.name() == null || spec.name().isBlank()) {
      throw new BadRequestException("name is required");
    }
    if ((spec.workflowId() == null) == (spec.tenantId() == null)) {
      throw new BadRequestException("a budget is for exactly one workflow (workflow_id) or one "
          + "tenant (tenant_id)");
    }
    for (var amount : new BigDecimal[] {spec.monthlyUsd(), spec.dailyUsd(), spec.perRunUsd()}) {
      if (amount != null && amount.signum() < 0) {
        throw new BadRequestException("budget amounts must be >= 0 (got " + amount + ")");
      }
    }
    Integer threshold = spec.alertThresholdPercent();
    if (threshold != null && (threshold < 1 || threshold > 100)) {
      throw new BadRequestException("alert_threshold_percent must lie between 1 and 100 (got "
          + threshold + ")");
    }
  }

  private static String subject(BudgetSpec spec) {
    return spec.workflowId() != null ? "workflow '" + spec.workflowId() + "'"
        : "tenant '" + spec.tenantId() + "'";
  }

  private BudgetView view(Budget b) {
    boolean workflow = b.workflowId() != null;
    return new BudgetView(b.id(), b.name(), b.workflowId(), b.tenantId(), b.monthlyUsd(),
        b.dailyUsd(), b.perRunUsd(), b.hardCap(), b.alertThresholdPercent(),
        workflow ? spend.workflowToday(b.workflowId()) : spend.tenantToday(b.tenantId()),
        workflow ? spend.workflowThisMonth(b.workflowId()) : spend.tenantThisMonth(b.tenantId()));
  }
}
