package dev.baton.budget;

import dev.baton.audit.AuditEvent;
import dev.baton.audit.AuditLog;
import dev.baton.problem.BadRequestException;
import dev.baton.problem.ConflictException;
import dev.baton.problem.ForbiddenException;
import dev.baton.problem.NotFoundException;
import dev.baton.security.Caller;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
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
  private final RepositoryService repository;
  private final String defaultTenant;

  BudgetService(BudgetRepository budgets, SpendReader spend, AuditLog audit,
      RepositoryService repository, dev.baton.BatonProperties properties) {
    this.budgets = budgets;
    this.spend = spend;
    this.audit = audit;
    this.repository = repository;
    this.defaultTenant = properties.tenantId();
  }

  /** The budgets of the caller's tenants. */
  public List<BudgetView> list(Caller caller) {
    return budgets.findAll().stream().filter(b -> caller.sees(b.ownerTenantId()))
        .map(this::view).toList();
  }

  public BudgetView get(Caller caller, long id) {
    return view(find(caller, id));
  }

  @Transactional
  public BudgetView create(Caller caller, BudgetSpec spec) {
    // whose it is first: another tenant's operator learns nothing from the other checks
    String owner = owner(caller, spec);
    check(spec);
    boolean taken = spec.workflowId() != null
        ? budgets.findByWorkflowId(spec.workflowId()).isPresent()
        : budgets.findByTenantId(spec.tenantId()).isPresent();
    if (taken) {
      throw new ConflictException("there is a budget for " + subject(spec) + " already; "
          + "change it with PUT /api/budgets/{id}");
    }
    return audited("budget.created", owner, view(budgets.save(new Budget(spec, owner,
        clock.instant()))));
  }

  @Transactional
  public BudgetView update(Caller caller, long id, BudgetSpec spec) {
    Budget budget = find(caller, id);
    String owner = owner(caller, spec);
    check(spec);
    // exactly one of the two is set (check): look up only that one (PostgreSQL refuses the
    // NUL character a placeholder for the other would need)
    (spec.workflowId() != null ? budgets.findByWorkflowId(spec.workflowId())
        : budgets.findByTenantId(spec.tenantId()))
        .filter(other -> !other.id().equals(id))
        .ifPresent(other -> {
          throw new ConflictException("budget " + other.id() + " already covers "
              + subject(spec));
        });
    budget.apply(spec, owner, clock.instant());
    return audited("budget.updated", owner, view(budget));
  }

  /** Records the change with the budget's settings as they are now (in this transaction). */
  private BudgetView audited(String action, String owner, BudgetView b) {
    var details = JSON.createObjectNode().put("name", b.name()).put("hard_cap", b.hardCap())
        .put("alert_threshold_percent", b.alertThresholdPercent());
    details.put("workflow_id", b.workflowId()).put("tenant_id", b.tenantId());
    details.put("monthly_usd", b.monthlyUsd()).put("daily_usd", b.dailyUsd())
        .put("per_run_usd", b.perRunUsd());
    audit.append(new AuditEvent(action, null, owner, "budget", String.valueOf(b.id()),
        null, details));
    return b;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Another tenant's budget is as absent as one that never was. */
  private Budget find(Caller caller, long id) {
    return budgets.findById(id).filter(b -> caller.sees(b.ownerTenantId()))
        .orElseThrow(() -> new NotFoundException("no budget " + id));
  }

  /**
   * The tenant a budget belongs to, which the caller must be a member of: the tenant it limits,
   * or the tenant of the workflow it limits (the caller's own for one not deployed yet).
   */
  private String owner(Caller caller, BudgetSpec spec) {
    String owner;
    if (spec.tenantId() != null) {
      owner = spec.tenantId();
    } else if (spec.workflowId() == null) {
      return caller.tenantFor(null, defaultTenant); // refused by check: it names neither
    } else {
      owner = repository.createProcessDefinitionQuery().processDefinitionKey(spec.workflowId())
          .list().stream().map(d -> d.getTenantId()).filter(java.util.Objects::nonNull)
          .findFirst().orElseGet(() -> caller.tenantFor(null, defaultTenant));
    }
    if (!caller.sees(owner)) {
      throw new ForbiddenException("user '" + caller.userId() + "' may not set budgets of "
          + (spec.tenantId() != null ? "tenant '" + owner + "'" : "workflow '"
              + spec.workflowId() + "'") + ": it belongs to a tenant they are not a member of");
    }
    return owner;
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
