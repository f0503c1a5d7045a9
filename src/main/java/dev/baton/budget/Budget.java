package dev.baton.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A budget for one workflow or one tenant (seed 000's {@code Budget}). */
@Entity
@Table(name = "baton_budget")
class Budget {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "workflow_id")
  private String workflowId;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "monthly_usd", precision = 18, scale = 4)
  private BigDecimal monthlyUsd;

  @Column(name = "daily_usd", precision = 18, scale = 4)
  private BigDecimal dailyUsd;

  @Column(name = "per_run_usd", precision = 18, scale = 4)
  private BigDecimal perRunUsd;

  @Column(name = "hard_cap", nullable = false)
  private boolean hardCap;

  @Column(name = "alert_threshold_percent", nullable = false)
  private int alertThresholdPercent;

  /** The tenant whose operators see and change this budget. */
  @Column(name = "owner_tenant_id", nullable = false)
  private String ownerTenantId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Budget() {}

  Budget(BudgetSpec spec, String ownerTenantId, Instant now) {
    createdAt = now;
    apply(spec, ownerTenantId, now);
  }

  /** Replaces every setting with those of {@code spec}. */
  public void apply(BudgetSpec spec, String ownerTenantId, Instant now) {
    this.ownerTenantId = ownerTenantId;
    name = spec.name();
    workflowId = spec.workflowId();
    tenantId = spec.tenantId();
    monthlyUsd = spec.monthlyUsd();
    dailyUsd = spec.dailyUsd();
    perRunUsd = spec.perRunUsd();
    hardCap = spec.hardCap() == null || spec.hardCap();
    alertThresholdPercent =
        spec.alertThresholdPercent() == null ? 80 : spec.alertThresholdPercent();
    updatedAt = now;
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String workflowId() {
    return workflowId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String ownerTenantId() {
    return ownerTenantId;
  }

  public BigDecimal monthlyUsd() {
    return monthlyUsd;
  }

  public BigDecimal dailyUsd() {
    return dailyUsd;
  }

  public BigDecimal perRunUsd() {
    return perRunUsd;
  }

  public boolean hardCap() {
    return hardCap;
  }

  public int alertThresholdPercent() {
    return alertThresholdPercent;
  }
}
